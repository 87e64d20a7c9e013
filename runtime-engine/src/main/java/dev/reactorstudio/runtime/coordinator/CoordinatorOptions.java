package dev.reactorstudio.runtime.coordinator;

import dev.reactorstudio.runtime.guard.SecurityOptions;
import java.net.URI;
import java.time.Duration;

/**
 * Settings of the coordinator.
 *
 * @param bindHost     address to bind (127.0.0.1 unless opened up on purpose)
 * @param port         HTTP port (8080; 0 picks a free one)
 * @param runtimeUrl   base URL of the runtime API it starts and stops sessions with
 * @param livekitUrl   the LiveKit-compatible URL handed out on the seed-era {@code /ws}
 * @param pingTimeout  a viewer whose data channel sent no ping for this long is dropped (the SDK pings every 5 s)
 * @param forcedCodec  {@code VP8}/{@code H264} to override the client's codec preference; null follows the client
 * @param security     which pages may call it and the limits per client (loopback pages, default limits)
 */
public record CoordinatorOptions(String bindHost, int port, URI runtimeUrl, String livekitUrl,
                                 Duration pingTimeout, String forcedCodec, SecurityOptions security) {
    public static final int DEFAULT_PORT = 8080;

    public static CoordinatorOptions defaults(URI runtimeUrl) {
        return new CoordinatorOptions("127.0.0.1", DEFAULT_PORT, runtimeUrl, "ws://127.0.0.1:7880",
                Duration.ofSeconds(20), null, SecurityOptions.defaults());
    }

    public CoordinatorOptions withBind(String host, int newPort) {
        return new CoordinatorOptions(host, newPort, runtimeUrl, livekitUrl, pingTimeout, forcedCodec, security);
    }

    public CoordinatorOptions withLivekitUrl(String url) {
        return new CoordinatorOptions(bindHost, port, runtimeUrl, url, pingTimeout, forcedCodec, security);
    }

    public CoordinatorOptions withForcedCodec(String codec) {
        return new CoordinatorOptions(bindHost, port, runtimeUrl, livekitUrl, pingTimeout, codec, security);
    }

    public CoordinatorOptions withSecurity(SecurityOptions options) {
        return new CoordinatorOptions(bindHost, port, runtimeUrl, livekitUrl, pingTimeout, forcedCodec, options);
    }
}
