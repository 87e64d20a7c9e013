package dev.reactorstudio.runtime.livekit;

/**
 * The two signaling dialects {@code livekit-client} speaks. Both carry binary protobuf
 * {@code SignalRequest}/{@code SignalResponse} messages; they differ in who offers and how
 * many peer connections a viewer has.
 */
public enum SignalPath {
    /**
     * {@code /rtc}: two peer connections. The server offers on the subscriber connection (video
     * plus the {@code _reliable}/{@code _lossy} channels); the client offers on its publisher
     * connection when it first sends data.
     */
    V0("/rtc"),
    /**
     * {@code /rtc/v1}: one peer connection, always offered by the client (usually inside the
     * join request); the server answers and attaches the video to a recvonly section.
     */
    V1("/rtc/v1");

    private final String path;

    SignalPath(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public String validatePath() {
        return path + "/validate";
    }
}
