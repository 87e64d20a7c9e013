package dev.reactorstudio.runtime.services;

import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.livekit.LiveKitServer;
import dev.reactorstudio.runtime.livekit.LiveKitTokens;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.server.RuntimeServer;
import java.net.URI;
import java.util.Optional;

/**
 * The services of one model folder, started together: the model host, the runtime API and
 * (when {@link ServiceOptions#mediaPort()} asks for it) the WebRTC media engine with the
 * LiveKit-compatible media server. Owns the one {@link MediaEngine} of the process.
 * {@code reactor run} and the studio both start exactly this. Servers come up first so health
 * reports loading; then the model loads.
 */
public final class ReactorServices implements AutoCloseable {
    private final ServiceOptions options;
    private final ModelHost host;
    private final RuntimeServer runtime;
    private final LiveKitTokens liveKitTokens;
    private MediaEngine media;
    private LiveKitServer liveKit;

    private ReactorServices(ServiceOptions options) {
        this.options = options;
        this.host = new ModelHost(options.modelFolder(), options.host());
        this.runtime = new RuntimeServer(host);
        this.liveKitTokens = new LiveKitTokens(options.livekit());
    }

    /** Binds the servers; does not load the model yet (call {@link #loadModel()}). */
    public static ReactorServices start(ServiceOptions options) {
        ReactorServices services = new ReactorServices(options);
        try {
            services.runtime.start(options.bindHost(), options.runtimePort());
        } catch (RuntimeException e) {
            services.close();
            throw new IllegalStateException("cannot start the runtime server on " + options.bindHost() + ":"
                    + options.runtimePort() + " — is the port in use? (" + rootMessage(e) + ")", e);
        }
        if (options.mediaPort() != ServiceOptions.NO_MEDIA) {
            try {
                services.media = new MediaEngine(MediaOptions.defaults());
                services.liveKit = new LiveKitServer(services.liveKitTokens, services.host::sessions, services.media)
                        .start(options.bindHost(), options.mediaPort());
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                services.close();
                throw new IllegalStateException("cannot start the media server on " + options.bindHost() + ":"
                        + options.mediaPort() + " — is the port in use, or is libpulse0 missing? ("
                        + rootMessage(e) + ")", e);
            }
        }
        return services;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Loads the model (blocks for the constructor's duration). */
    public void loadModel() throws ModelHostException {
        host.load();
    }

    public ModelHost host() {
        return host;
    }

    public URI runtimeUrl() {
        return URI.create("http://" + options.bindHost() + ":" + runtime.port());
    }

    public int runtimePort() {
        return runtime.port();
    }

    /** The WebRTC engine other servers (the coordinator) share; empty when no media server runs. */
    public Optional<MediaEngine> media() {
        return Optional.ofNullable(media);
    }

    /** Mints viewer tokens for the media server (the coordinator's {@code /ws} hands them out). */
    public LiveKitTokens liveKitTokens() {
        return liveKitTokens;
    }

    /** The URL {@code livekit-client} connects to; empty when no media server runs. */
    public Optional<String> mediaUrl() {
        return Optional.ofNullable(liveKit).map(LiveKitServer::url);
    }

    /**
     * Tells LiveKit viewers the server goes away, stops the session (cooperatively, within the
     * grace period), then the servers and the media engine; ports are free afterwards.
     */
    @Override
    public void close() {
        if (liveKit != null) {
            liveKit.close();
        }
        host.close();
        runtime.close();
        if (media != null) {
            media.close();
        }
    }
}
