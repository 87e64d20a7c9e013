package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.fleet.auth.Secrets;
import dev.reactorstudio.runtime.fleet.join.JoinOptions;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.livekit.LiveKitCredentials;
import dev.reactorstudio.runtime.livekit.LiveKitTokens;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.SessionSettings;
import dev.reactorstudio.runtime.upload.UploadLimits;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reactor run [DIR]}: hosts the model and serves it until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Load the model in DIR once and serve sessions.")
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = ".", description = "Model folder (holds manifest.json). Default: current folder.")
    Path folder;

    @Option(names = "--host", defaultValue = ServiceOptions.DEFAULT_HOST,
            description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network).")
    String host;

    @Option(names = "--port", defaultValue = "8081", description = "Runtime API port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--runtime-host", paramLabel = "ADDRESS",
            description = "Address the runtime API binds (default: --host when that is loopback, else 127.0.0.1: "
                    + "the runtime API is internal).")
    String runtimeHost;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "A web page origin that may use the servers besides this machine's own pages (repeatable): "
                    + "http://192.168.1.20:5173, http://devbox:* for any port, '*' for every page (not recommended). "
                    + "Required with a non-loopback --host.")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--coordinator-port", defaultValue = "8080",
            description = "Coordinator port: the JS SDK's apiUrl, the seed's /ws and the viewer page (default ${DEFAULT-VALUE}).")
    int coordinatorPort;

    @Option(names = "--media-port", defaultValue = "7880",
            description = "LiveKit-compatible media server port (default ${DEFAULT-VALUE}).")
    int mediaPort;

    @Option(names = "--livekit-key", defaultValue = "devkey",
            description = "API key of the media server's access tokens (default ${DEFAULT-VALUE}, as livekit-server --dev).")
    String livekitKey;

    @Option(names = "--livekit-secret", defaultValue = "secret",
            description = "API secret that signs the access tokens (default ${DEFAULT-VALUE}; set your own beyond localhost).")
    String livekitSecret;

    @Option(names = "--log-level", defaultValue = "INFO",
            description = "CRITICAL, ERROR, WARNING, INFO or DEBUG (default ${DEFAULT-VALUE}).")
    LogLevel logLevel;

    @Option(names = "--orphan-timeout", defaultValue = "30",
            description = "Seconds a session may run with no client before it is stopped; 0 = never (default ${DEFAULT-VALUE}).")
    long orphanTimeoutSeconds;

    @Option(names = "--stop-grace", defaultValue = "10",
            description = "Seconds a model may take to honour a stop before health turns unhealthy (default ${DEFAULT-VALUE}).")
    long stopGraceSeconds;

    @Option(names = "--queue-depth", defaultValue = "" + SessionSettings.DEFAULT_QUEUE_DEPTH,
            description = "Frames the pacer buffers before emitBlock blocks: more hides jitter, fewer cuts latency (default ${DEFAULT-VALUE}).")
    int queueDepth;

    @Option(names = "--max-viewers", defaultValue = "" + Limits.DEFAULT_VIEWERS_PER_SESSION,
            description = "Viewers (JS SDK and LiveKit) of one session at once; one more gets 429 (default ${DEFAULT-VALUE}).")
    int maxViewers;

    @Option(names = "--max-pending-peers", defaultValue = "" + Limits.DEFAULT_PENDING_PEERS,
            description = "Viewers created but not yet connected, at once; more get 429 (default ${DEFAULT-VALUE}).")
    int maxPendingPeers;

    @Option(names = "--pending-peer-timeout", defaultValue = "30",
            description = "Seconds a viewer may take to connect before it is dropped (default ${DEFAULT-VALUE}).")
    long pendingPeerTimeoutSeconds;

    @Option(names = "--max-message-bytes", defaultValue = "" + Limits.DEFAULT_DATA_MESSAGE_BYTES,
            description = "Largest data-channel message a viewer may send; larger ones are dropped and counted "
                    + "(default ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--max-body-bytes", defaultValue = "" + Limits.DEFAULT_JSON_BODY_BYTES,
            description = "Largest HTTP request body (JSON, SDP); larger gets 413 (default ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-starts-per-minute", defaultValue = "" + Limits.DEFAULT_SESSION_STARTS_PER_MINUTE,
            description = "Session starts and joins one client address may make per minute; more get 429 "
                    + "(default ${DEFAULT-VALUE}).")
    int maxStartsPerMinute;

    @Option(names = "--max-queued-commands", defaultValue = "" + Limits.DEFAULT_QUEUED_COMMANDS,
            description = "Commands a session holds while the model is busy; one more is refused (HTTP 429, or a "
                    + "commandError on the data channel) and never reaches the model (default ${DEFAULT-VALUE}).")
    int maxQueuedCommands;


    @Option(names = "--max-upload-mb", defaultValue = "100",
            description = "Largest file a client may upload to a session, in MiB; a session holds at most 4 such files (default ${DEFAULT-VALUE}).")
    long maxUploadMib;

    @Option(names = "--video-kbps", paramLabel = "START:MIN:MAX", defaultValue = "10000:300:30000",
            description = "Video encoder bitrate in kbit/s: where it starts and the range bandwidth estimation keeps it in; "
                    + "suits a viewer on this machine or the LAN, keeps hard content (noise) at full frame rate; "
                    + "0 = libwebrtc's own (300 kbit/s start) (default ${DEFAULT-VALUE}).")
    String videoKbps;

    @Option(names = "--encoder-backpressure", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "When a viewer's video encoder is too busy to take every frame (an uncapped model at 720p), "
                    + "generate only a little more than it encodes instead of frames it would drop; "
                    + "--no-encoder-backpressure lets the model run free (default ${DEFAULT-VALUE}).")
    boolean encoderBackpressure;

    @CommandLine.Mixin
    RegistryOptions registry;

    @Option(names = "--python", paramLabel = "INTERPRETER",
            description = "Python interpreter for Python models, e.g. a venv's bin/python (default: $REACTOR_PYTHON or python3).")
    String pythonInterpreter;

    /** 1 TiB: past this a limit is a typo, and four of them must still fit in a long. */
    private static final long MAX_UPLOAD_MIB = 1024L * 1024L;

    @Option(names = "--join", paramLabel = "URL[,URL...]",
            description = "Join a fleet: register with this coordinator (several: any will do) instead of serving clients "
                    + "directly. The runtime API binds loopback; --host:--media-port serves the coordinators.")
    String join;

    @Option(names = "--jwt-secret", description = "With --join: the fleet's shared secret.")
    String jwtSecret;

    @Option(names = "--jwt-secret-file", description = "With --join: file whose first line is the fleet's shared secret.")
    Path jwtSecretFile;

    @Option(names = "--advertise", paramLabel = "URL",
            description = "With --join: the URL coordinators reach this runtime at (default http://HOST:MEDIA-PORT).")
    URI advertise;

    @Option(names = "--runtime-id", description = "With --join: this runtime's name in the fleet (default HOSTNAME-PORT).")
    String runtimeId;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        logLevel.apply();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (queueDepth < 1) {
            err.println("reactor run: --queue-depth must be at least 1, got " + queueDepth);
            return 2;
        }
        if (maxUploadMib < 1 || maxUploadMib > MAX_UPLOAD_MIB) {
            err.println("reactor run: --max-upload-mb must be between 1 and " + MAX_UPLOAD_MIB + ", got " + maxUploadMib);
            return 2;
        }
        int[] kbps;
        try {
            kbps = parseVideoKbps(videoKbps);
        } catch (IllegalArgumentException e) {
            err.println("reactor run: --video-kbps " + videoKbps + ": " + e.getMessage());
            return 2;
        }
        HostOptions hostOptions = HostOptions.defaults()
                .withOrphanTimeout(Duration.ofSeconds(orphanTimeoutSeconds))
                .withStopGrace(Duration.ofSeconds(stopGraceSeconds))
                .withQueueDepth(queueDepth)
                .withUploads(UploadLimits.ofMaxFileBytes(maxUploadMib * UploadLimits.MIB));
        hostOptions = hostOptions.withRegistry(registry.apply(hostOptions.registry()));
        if (pythonInterpreter != null && !pythonInterpreter.isBlank()) {
            hostOptions = hostOptions.withPython(hostOptions.python().withInterpreter(pythonInterpreter));
        }
        // A Python model's requirements.txt installs into its own environment first: show how it goes.
        hostOptions = hostOptions.withPython(hostOptions.python()
                .withRequirementsListener(new RequirementsBar(err, Terminal.interactive())));
        if (maxQueuedCommands < 1) {
            err.println("reactor run: --max-queued-commands must be at least 1, got " + maxQueuedCommands);
            return 2;
        }
        if (join != null) {
            JoinOptions joinOptions;
            try {
                joinOptions = joinOptions();
            } catch (IllegalArgumentException e) {
                err.println("reactor run: " + e.getMessage());
                return 2;
            }
            // A fleet member serves one client at a time through its coordinator; only the command queue applies here.
            return new JoinedRun(spec, folder).run(ServiceOptions.defaults(folder).withRuntimePort(port).withHost(hostOptions)
                    .withSecurity(SecurityOptions.defaults().withLimits(Limits.defaults()
                            .withQueuedCommands(maxQueuedCommands))), joinOptions);
        }
        if (jwtSecret != null || jwtSecretFile != null || advertise != null || runtimeId != null) {
            err.println("reactor run: --jwt-secret, --advertise and --runtime-id only apply with --join URL");
            return 2;
        }
        SecurityOptions security;
        try {
            security = SecurityOptions.defaults().withOrigins(OriginPolicy.allowing(allowOrigins));
        } catch (IllegalArgumentException e) {
            err.println("reactor run: --allow-origin " + e.getMessage());
            return 2;
        }
        try {
            security = security.withLimits(new Limits(maxViewers, maxPendingPeers,
                    Duration.ofSeconds(pendingPeerTimeoutSeconds), maxMessageBytes, maxBodyBytes, maxStartsPerMinute,
                    maxQueuedCommands));
        } catch (IllegalArgumentException e) {
            err.println("reactor run: " + e.getMessage());
            return 2;
        }
        ReactorServices services;
        try {
            ServiceOptions options = ServiceOptions.defaults(folder).withBindHost(host).withRuntimePort(port)
                    .withRuntimeHost(runtimeHost).withSecurity(security)
                    .withHost(hostOptions).withMediaPort(mediaPort).withCoordinatorPort(coordinatorPort)
                    .withLiveKit(new LiveKitCredentials(livekitKey, livekitSecret))
                    .withVideoKbps(kbps[0], kbps[1], kbps[2])
                    .withEncoderBackpressure(encoderBackpressure);
            services = ReactorServices.start(options);
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("reactor run: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            out.println("Stopping: ending the session and freeing the ports...");
            out.flush();
            services.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "reactor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("Runtime API   " + services.runtimeUrl() + "  (health: " + services.runtimeUrl() + "/health)");
        services.coordinatorUrl().ifPresent(url ->
                out.println("Coordinator   " + url + "  (JS SDK apiUrl; viewer page: " + url + "/)"));
        services.mediaUrl().ifPresent(url -> {
            LiveKitCredentials keys = services.liveKitTokens().credentials();
            out.println("Media server  " + url + "  (LiveKit: room \"" + LiveKitTokens.ROOM + "\", API key " + keys.apiKey()
                    + (keys.isDev() ? ", dev secret \"" + keys.apiSecret() + "\")"
                    : keys.apiSecret().equals(livekitSecret) ? ")"
                    : ", generated secret \"" + keys.apiSecret() + "\" for this run; --livekit-secret sets one)"));
        });
        out.println("Web pages     " + services.origins() + " may use these servers"
                + (services.origins().allowsAnyOrigin() ? "  — WARNING: '*' lets ANY web page drive them" : "")
                + "  (--allow-origin adds pages)");
        if (services.listensOnAllInterfaces()) {
            out.println("Listening on every interface: from another machine use this machine's address in place of "
                    + "the loopback address above (LiveKit clients of /ws are told the address they reached the coordinator at).");
        }
        out.flush();
        try {
            services.loadModel();
        } catch (ModelHostException e) {
            err.println("reactor run: cannot load " + folder.toAbsolutePath().normalize() + "\n" + e.getMessage());
            err.flush();
            Runtime.getRuntime().removeShutdownHook(hook);
            services.close();
            return 1;
        }
        out.println("Model ready   " + services.host().manifest().map(m -> m.modelName() + " " + m.modelVersion()).orElse("")
                + " — open " + services.coordinatorUrl().map(URI::toString).orElse(services.runtimeUrl() + "/start_session")
                + " to watch it. Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }

    private JoinOptions joinOptions() {
        return new JoinOptions(JoinOptions.parseCoordinators(join), Secrets.resolve(jwtSecret, jwtSecretFile), runtimeId,
                host, mediaPort, advertise);
    }

    /** {@code START:MIN:MAX} in kbit/s, or {@code 0} (all zeros: libwebrtc's defaults). */
    static int[] parseVideoKbps(String value) {
        String[] parts = value.trim().split(":");
        try {
            if (parts.length == 1 && Integer.parseInt(parts[0]) == 0) {
                return new int[] {0, 0, 0};
            }
            if (parts.length == 3) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
            }
        } catch (NumberFormatException e) {
            // falls through to the usage message
        }
        throw new IllegalArgumentException("use START:MIN:MAX in kbit/s, e.g. 10000:300:30000, or 0 for libwebrtc's own");
    }
}
