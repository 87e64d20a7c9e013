package dev.reactorstudio.runtime.services;

import dev.reactorstudio.runtime.guard.LoopbackNames;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.livekit.LiveKitCredentials;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.media.VideoBitrate;
import java.nio.file.Path;

/**
 * What {@code reactor run} and the studio's Run button start: which model folder, bound where.
 *
 * @param bindHost    address every service binds (127.0.0.1 unless opened up on purpose)
 * @param runtimePort the runtime API port (8081; 0 picks a free one)
 * @param mediaPort   the LiveKit-compatible media server's port (7880; 0 picks a free one; {@link #NO_MEDIA}
 *                    runs none — the default here, so embedders opt in; {@code reactor run} always does)
 * @param livekit     the API key and secret that sign the media server's access tokens
 * @param coordinatorPort the JS SDK coordinator's port (8080; 0 picks a free one; {@link #NO_COORDINATOR} runs
 *                    none — the default here; {@code reactor run} and the studio always do)
 * @param security    which web pages may drive the servers and what one client may consume (loopback pages
 *                    and default limits; a non-loopback {@code bindHost} needs explicit origins)
 * @param runtimeHost address the runtime API binds; null = {@code bindHost} when that is loopback, else
 *                    127.0.0.1 (the runtime API is internal: the coordinator reaches it on loopback)
 * @param media       the WebRTC engine's settings (ICE, video bitrate) shared by the media server and coordinator
 */
public record ServiceOptions(Path modelFolder, String bindHost, int runtimePort, HostOptions host, int mediaPort,
                             LiveKitCredentials livekit, int coordinatorPort, SecurityOptions security,
                             String runtimeHost, MediaOptions media) {

    public ServiceOptions(Path modelFolder, String bindHost, int runtimePort, HostOptions host, int mediaPort,
                          LiveKitCredentials livekit, int coordinatorPort, SecurityOptions security, String runtimeHost) {
        this(modelFolder, bindHost, runtimePort, host, mediaPort, livekit, coordinatorPort, security, runtimeHost,
                MediaOptions.defaults());
    }

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_RUNTIME_PORT = 8081;
    public static final int DEFAULT_MEDIA_PORT = 7880;
    public static final int DEFAULT_COORDINATOR_PORT = 8080;
    public static final int NO_MEDIA = -1;
    public static final int NO_COORDINATOR = -1;

    public static ServiceOptions defaults(Path modelFolder) {
        return new ServiceOptions(modelFolder, DEFAULT_HOST, DEFAULT_RUNTIME_PORT, HostOptions.defaults(), NO_MEDIA,
                LiveKitCredentials.DEV, NO_COORDINATOR,
                SecurityOptions.defaults(), null);
    }

    public ServiceOptions withRuntimePort(int port) {
        return new ServiceOptions(modelFolder, bindHost, port, host, mediaPort, livekit, coordinatorPort, security, runtimeHost, media);
    }

    public ServiceOptions withBindHost(String address) {
        return new ServiceOptions(modelFolder, address, runtimePort, host, mediaPort, livekit, coordinatorPort, security, runtimeHost, media);
    }

    public ServiceOptions withHost(HostOptions options) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, options, mediaPort, livekit, coordinatorPort, security, runtimeHost, media);
    }

    public ServiceOptions withMediaPort(int port) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, host, port, livekit, coordinatorPort, security, runtimeHost, media);
    }

    public ServiceOptions withLiveKit(LiveKitCredentials credentials) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, host, mediaPort, credentials, coordinatorPort, security, runtimeHost, media);
    }

    public ServiceOptions withCoordinatorPort(int port) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, host, mediaPort, livekit, port, security, runtimeHost, media);
    }

    public ServiceOptions withSecurity(SecurityOptions options) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, host, mediaPort, livekit, coordinatorPort, options,
                runtimeHost, media);
    }

    /** Binds the runtime API to {@code address} (e.g. 0.0.0.0 to let other machines script it). */
    public ServiceOptions withRuntimeHost(String address) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, host, mediaPort, livekit, coordinatorPort, security,
                address, media);
    }

    /** Where the runtime API actually binds (see {@link #runtimeHost}). */
    public String runtimeBindHost() {
        if (runtimeHost != null && !runtimeHost.isBlank()) {
            return runtimeHost;
        }
        return LoopbackNames.isLoopback(bindHost) ? bindHost : DEFAULT_HOST;
    }

    /** True when any server listens beyond this machine's loopback. */
    public boolean exposed() {
        return !LoopbackNames.isLoopback(bindHost) || !LoopbackNames.isLoopback(runtimeBindHost());
    }

    public ServiceOptions withMedia(MediaOptions options) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, host, mediaPort, livekit, coordinatorPort, security,
                runtimeHost, options);
    }

    /**
     * The video encoder's start bitrate and the range bandwidth estimation keeps it in, kbit/s;
     * all zeros leave libwebrtc's own (300 kbit/s start).
     *
     * @throws IllegalArgumentException unless {@code 0 < min <= start <= max} (or all zero)
     */
    public ServiceOptions withVideoKbps(int startKbps, int minKbps, int maxKbps) {
        return withMedia(media.withVideoBitrate(new VideoBitrate(startKbps, minKbps, maxKbps)));
    }

    /** Whether models are held to what a busy viewer encoder takes ({@code --[no-]encoder-backpressure}). */
    public ServiceOptions withEncoderBackpressure(boolean on) {
        return withMedia(media.withEncoderBackpressure(on));
    }
}
