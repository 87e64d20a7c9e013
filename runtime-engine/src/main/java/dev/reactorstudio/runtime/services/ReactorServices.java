package dev.reactorstudio.runtime.services;

import dev.reactorstudio.runtime.concurrent.Shutdown;
import dev.reactorstudio.runtime.coordinator.ClientUrls;
import dev.reactorstudio.runtime.coordinator.Coordinator;
import dev.reactorstudio.runtime.coordinator.CoordinatorOptions;
import dev.reactorstudio.runtime.coordinator.TokenMinter;
import dev.reactorstudio.runtime.guard.ServedRoute;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.livekit.LiveKitServer;
import dev.reactorstudio.runtime.livekit.LiveKitTokens;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.server.RuntimeServer;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services of one model folder, started together: the model host, the runtime API (:8081) and,
 * when {@link ServiceOptions} asks for them, the LiveKit-compatible media server (:7880) and the JS
 * SDK coordinator (:8080). Owns the one {@link MediaEngine} of the process, shared by both.
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
    private Coordinator coordinator;

    private ReactorServices(ServiceOptions options) {
        this.options = options;
        // The command queue is one of the client limits (--max-queued-commands); the session enforces it.
        this.host = new ModelHost(options.modelFolder(),
                options.host().withCommandQueue(options.security().limits().queuedCommands()));
        this.runtime = new RuntimeServer(host, options.security());
        this.liveKitTokens = new LiveKitTokens(Exposure.credentials(options));
    }

    /**
     * Binds the servers; does not load the model yet (call {@link #loadModel()}).
     *
     * @throws IllegalStateException when a port is taken, WebRTC cannot load, or a non-loopback bind
     *                               names no allowed origins (the message says what to add)
     */
    public static ReactorServices start(ServiceOptions options) {
        Exposure.check(options);
        ReactorServices services = new ReactorServices(options);
        try {
            services.runtime.start(options.runtimeBindHost(), options.runtimePort());
        } catch (RuntimeException e) {
            services.close();
            throw new IllegalStateException("cannot start the runtime server on " + options.runtimeBindHost() + ":"
                    + options.runtimePort() + " — is the port in use? (" + rootMessage(e) + ")", e);
        }
        try {
            services.startMedia();
        } catch (RuntimeException | LinkageError e) {
            services.close();
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(rootMessage(e), e);
        }
        return services;
    }

    private void startMedia() {
        boolean wantsMedia = options.mediaPort() != ServiceOptions.NO_MEDIA;
        boolean wantsCoordinator = options.coordinatorPort() != ServiceOptions.NO_COORDINATOR;
        if (!wantsMedia && !wantsCoordinator) {
            return;
        }
        try {
            media = new MediaEngine(options.media());
        } catch (RuntimeException | LinkageError e) {
            // The first failure is UnsatisfiedLinkError; later attempts in the same JVM see NoClassDefFoundError.
            throw new IllegalStateException("cannot start WebRTC — is libpulse0 installed? (install it, then restart; "
                    + rootMessage(e) + ")", e);
        }
        if (wantsMedia) {
            try {
                // Assigned before start, so close() releases what a failed bind created.
                liveKit = new LiveKitServer(liveKitTokens, host::sessions, media, options.security());
                liveKit.start(options.bindHost(), options.mediaPort());
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start the media server on " + options.bindHost() + ":"
                        + options.mediaPort() + " — is the port in use? (" + rootMessage(e) + ")", e);
            }
        }
        if (wantsCoordinator) {
            CoordinatorOptions coordinatorOptions = CoordinatorOptions.defaults(runtimeUrl())
                    .withBind(options.bindHost(), options.coordinatorPort()).withSecurity(options.security());
            TokenMinter tokens = TokenMinter.unavailable();
            if (liveKit != null) {
                coordinatorOptions = coordinatorOptions.withLivekitUrl(liveKit.url());
                // The seed's /ws hands each client a token for the one room the media server serves. It may
                // publish tracks only when the model declares inputs; the media server then still takes only
                // the declared names.
                tokens = (room, identity) -> liveKitTokens.mint(identity, room, Duration.ofHours(6), declaresInputs());
            }
            try {
                coordinator = new Coordinator(coordinatorOptions, media, host::sessions, tokens);
                if (liveKit != null) {
                    coordinator.showMediaServerCounters(liveKit::counters);
                }
                coordinator.start();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot start the coordinator on " + options.bindHost() + ":"
                        + options.coordinatorPort() + " — is the port in use? (" + rootMessage(e) + ")", e);
            }
        }
    }

    /** True once the loaded model's manifest declares input tracks (a webcam, a microphone). */
    private boolean declaresInputs() {
        return host.manifest().map(m -> !m.tracks().inputs().isEmpty()).orElse(false);
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
        return URI.create("http://" + urlHost(options.runtimeBindHost()) + ":" + runtime.port());
    }

    private String urlHost() {
        return urlHost(options.bindHost());
    }

    /** The host our own URLs name: the bind address, or loopback when bound to every interface. */
    private static String urlHost(String bind) {
        if (ClientUrls.isWildcard(bind)) {
            // An IPv6 wildcard may not take IPv4 (net.ipv6.bindv6only=1); its own loopback always works.
            return bind.contains(":") ? "[::1]" : "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    /** True when the servers listen on every interface (clients elsewhere use this machine's address). */
    public boolean listensOnAllInterfaces() {
        return ClientUrls.isWildcard(options.bindHost());
    }

    public int runtimePort() {
        return runtime.port();
    }

    /**
     * Every route of the running servers by the base URL that reaches each server (runtime API,
     * media server, coordinator), read from their routers: a route added later is listed too.
     */
    public Map<URI, List<ServedRoute>> routes() {
        Map<URI, List<ServedRoute>> routes = new LinkedHashMap<>();
        routes.put(runtimeUrl(), runtime.routes());
        if (liveKit != null) {
            routes.put(URI.create("http://" + urlHost() + ":" + liveKit.port()), liveKit.routes());
        }
        if (coordinator != null) {
            routes.put(coordinatorUrl().orElseThrow(), coordinator.routes());
        }
        return routes;
    }

    /** The WebRTC engine other servers (the coordinator) share; empty when no media server runs. */
    public Optional<MediaEngine> media() {
        return Optional.ofNullable(media);
    }

    /** Which web pages may drive the servers. */
    public dev.reactorstudio.runtime.guard.OriginPolicy origins() {
        return options.security().origins();
    }

    /** Mints viewer tokens for the media server (the coordinator's {@code /ws} hands them out). */
    public LiveKitTokens liveKitTokens() {
        return liveKitTokens;
    }

    /** The URL {@code livekit-client} connects to; empty when no media server runs. */
    public Optional<String> mediaUrl() {
        return Optional.ofNullable(liveKit).map(server -> ClientUrls.reachableFrom(server.url(), urlHost()));
    }

    /** The URL the JS SDK's {@code apiUrl} points at (and the built-in viewer page); empty when no coordinator runs. */
    public Optional<URI> coordinatorUrl() {
        return Optional.ofNullable(coordinator).map(c -> URI.create("http://" + urlHost() + ":" + c.port()));
    }

    /**
     * Tells LiveKit viewers the server goes away, stops the session (cooperatively, within the
     * grace period), then the servers and the media engine; ports are free afterwards.
     */
    @Override
    public void close() {
        // Each step runs even if an earlier one throws: a skipped step would keep a port or libwebrtc's threads.
        Shutdown.runAll(
                () -> { if (coordinator != null) coordinator.close(); },
                () -> { if (liveKit != null) liveKit.close(); },
                host::close,
                runtime::close,
                () -> { if (media != null) media.close(); });
    }
}
