package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import dev.reactorstudio.runtime.concurrent.Scheduled;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameSink;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.AudioSink;
import dev.reactorstudio.runtime.session.SessionEvent;
import dev.reactorstudio.runtime.session.SessionInputs;
import dev.reactorstudio.runtime.session.SessionListener;
import dev.reactorstudio.runtime.session.SessionManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebRTC engine: owns libwebrtc's peer-connection factory and its (headless) audio
 * module, the video source of each session, and every viewer peer. It is the session layer's
 * frame sink: each released frame is handed to the engine's video thread, converted to I420
 * once and pushed into the session's {@link SessionVideoSource}, which every peer shares.
 *
 * <p>Lifecycle: sources are created when a session starts (or a peer asks first) and disposed
 * after the session ended and its peers were closed; {@link #close()} closes all peers and
 * disposes the factory — without that libwebrtc's threads keep the JVM alive.
 *
 * <p>Threads it owns: {@code reactor-media-video} (conversion, source lifecycle),
 * {@code reactor-media-monitor} (idle inputs, {@link EncoderFeedback}) and, through its peers, one
 * {@code reactor-peer-<id>} each.
 */
public final class MediaEngine implements FrameSink, AudioSink, SessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);
    /** How long close waits for peers and the video thread before it leaves the factory allocated. */
    private static final long CLOSE_WAIT_SECONDS = 10;
    /** Frames waiting for conversion beyond this are dropped: holding the newest is better than lagging. */
    private static final int MAX_PENDING_FRAMES = 2;

    private final MediaOptions options;
    private final AudioModule audio;
    private final PeerConnectionFactory factory;
    private final ExecutorService videoThread;
    /** Changed only on the video thread; the monitor thread reads frame counts from it. */
    private final Map<String, SessionVideoSource> sources = new ConcurrentHashMap<>();
    /** Created and disposed on the video thread; read by the sessions' audio threads. */
    private final Map<String, SessionAudioSource> audioSources = new ConcurrentHashMap<>();
    private final Set<RemoteInput> remoteInputs = ConcurrentHashMap.newKeySet();
    /** Idle input checks and encoder feedback. */
    private final java.util.concurrent.ScheduledExecutorService inputThread;
    private final EncoderFeedback encoderFeedback;
    private final Set<ViewerPeer> peers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nativePeers = new AtomicInteger();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicLong framesDropped = new AtomicLong();
    private final AtomicLong convertNanos = new AtomicLong();
    private final AtomicLong framesConverted = new AtomicLong();
    private final List<SessionManager> attached = new ArrayList<>();
    private volatile boolean closed;

    public MediaEngine(MediaOptions options) {
        this.options = options;
        // Without an audio module libwebrtc aborts the JVM; the platform one needs a sound server.
        this.audio = new AudioModule();
        this.factory = new PeerConnectionFactory(audio.forFactory());
        this.videoThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reactor-media-video");
            t.setDaemon(true);
            return t;
        });
        this.inputThread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reactor-media-monitor");
            t.setDaemon(true);
            return t;
        });
        Scheduled.withFixedDelay(inputThread, LOG, "Idle input check", this::checkIdleInputs, 250, 250, TimeUnit.MILLISECONDS);
        // Read even when the limits are off: the totals are what benchmarks compare.
        this.encoderFeedback = new EncoderFeedback(inputThread, options.encoderBackpressure() ? this::limitFrameRate
                : (sessionId, fps, validFor) -> { });
        long period = EncoderFeedback.PERIOD.toMillis();
        Scheduled.withFixedDelay(inputThread, LOG, "Encoder feedback",
                () -> encoderFeedback.poll(peers, EncoderFeedback.pushedFrom(sources::get)), period, period, TimeUnit.MILLISECONDS);
    }

    /** Subscribes to a session manager's frames and lifecycle events; attaching twice is a no-op. */
    public synchronized void attach(SessionManager sessions) {
        if (attached.contains(sessions)) {
            return;
        }
        sessions.addFrameSink(this);
        sessions.addAudioSink(this);
        sessions.addListener(this);
        attached.add(sessions);
        sessions.current().ifPresent(s -> video(s.id()).exceptionally(logFailure("making the video source", s.id())));
    }

    public synchronized void detach(SessionManager sessions) {
        sessions.removeFrameSink(this);
        sessions.removeAudioSink(this);
        sessions.removeListener(this);
        attached.remove(sessions);
    }

    /**
     * Opens a peer whose native connection is created on its own executor with this engine's
     * factory and ICE configuration. {@code name} must be unique among live peers (it names the thread).
     */
    public ViewerPeer openPeer(String name, PeerEvents events) {
        if (closed) {
            throw new IllegalStateException("the media engine is closed");
        }
        ViewerPeer peer = new ViewerPeer(name, factory, audio, rtcConfiguration(), options.videoBitrate(), events,
                opened -> nativePeers.incrementAndGet(),
                gone -> {
                    nativePeers.decrementAndGet();
                    peers.remove(gone);
                });
        peers.add(peer);
        return peer;
    }

    /** A fresh configuration for one peer (libwebrtc keeps a reference, so one per peer). */
    public RTCConfiguration rtcConfiguration() {
        RTCConfiguration config = new RTCConfiguration();
        for (String url : options.iceServers()) {
            RTCIceServer server = new RTCIceServer();
            server.urls = List.of(url);
            config.iceServers.add(server);
        }
        config.portAllocatorConfig.setDisableTcp(true);
        if (options.maxPort() > 0) {
            config.portAllocatorConfig.minPort = options.minPort();
            config.portAllocatorConfig.maxPort = options.maxPort();
        }
        return config;
    }

    public MediaOptions options() {
        return options;
    }

    /** The video of {@code sessionId}, created on first use. Safe to join from any thread but the video thread. */
    public CompletableFuture<SessionVideoSource> video(String sessionId) {
        return CompletableFuture.supplyAsync(() -> sources.computeIfAbsent(sessionId,
                id -> SessionVideoSource.create(factory, id)), videoThread);
    }

    /** The audio output of {@code sessionId}, created on first use (only for sessions whose model declares one). */
    public CompletableFuture<SessionAudioSource> audio(String sessionId) {
        return CompletableFuture.supplyAsync(() -> audioSources.computeIfAbsent(sessionId,
                id -> SessionAudioSource.create(factory, id)), videoThread);
    }

    /** Receives the session's played audio on its audio thread: pushed straight into the source, which encodes per peer. */
    @Override
    public void onAudio(String sessionId, short[] pcm, int channels, long playNanos) {
        if (closed) {
            return;
        }
        SessionAudioSource source = audioSources.get(sessionId);
        if (source != null) {
            // The headless audio module starts a capture thread (10 ms of silence into every audio
            // sender) as soon as the first audio sender starts. Our source feeds the same senders;
            // two threads in one sender abort the JVM (audio_send_stream.cc race check) and the
            // silence would interleave with the model's sound. Nothing here captures a microphone,
            // so capture is stopped before each push (a no-op once stopped) — except while a peer
            // may be starting a sender, when the chunk is skipped instead (AudioModule's fence).
            if (audio.stopCapture()) {
                source.push(pcm, channels);
            }
        } else {
            // the first chunk is dropped while the source is made: 10 ms nobody hears yet
            audio(sessionId).exceptionally(logFailure("making the audio source", sessionId));
        }
    }

    /**
     * Feeds the remote track of {@code transceiver} (a client's webcam or microphone) into the
     * declared input {@code name} of a session, as publisher {@code peer}; detached when the peer
     * closes. Call on the peer's executor (e.g. from {@link PeerEvents#onTrack}).
     *
     * @param onRefused told once, on the peer's executor, why the input was refused (another client holds it)
     * @return the feed, to end it before the peer closes; null when the track carries no media
     */
    public InputFeed feedInput(ViewerPeer peer, RTCRtpTransceiver transceiver, String name, SessionInputs inputs,
                               java.util.function.Consumer<String> onRefused) {
        return feedInput(peer, transceiver, name, peer.id(), inputs, onRefused);
    }

    /**
     * As {@link #feedInput(ViewerPeer, RTCRtpTransceiver, String, SessionInputs, java.util.function.Consumer)},
     * naming the publisher: a client whose tracks arrive on more than one peer connection (LiveKit's
     * two-connection dialect, a re-publish on a new connection) holds its inputs under one name.
     *
     * @return the feed, to end it before the peer closes; null when the track carries no media
     */
    public InputFeed feedInput(ViewerPeer peer, RTCRtpTransceiver transceiver, String name, String publisher,
                               SessionInputs inputs, java.util.function.Consumer<String> onRefused) {
        MediaStreamTrack track = transceiver.getReceiver().getTrack();
        java.util.function.Consumer<String> refused = message -> peer.executor().execute(() -> onRefused.accept(message));
        RemoteInput input;
        if (track instanceof VideoTrack video) {
            RemoteVideoInput v = new RemoteVideoInput(name, publisher, inputs, video, refused);
            v.attach();
            input = v;
        } else if (track instanceof AudioTrack audioTrack) {
            RemoteAudioInput a = new RemoteAudioInput(name, publisher, inputs, audioTrack, refused);
            a.attach();
            input = a;
        } else {
            LOG.warn("Peer {}: track {} has no media to feed input {}", peer.id(), track, name);
            return null;
        }
        remoteInputs.add(input);
        Runnable end = () -> {
            if (remoteInputs.remove(input)) {
                input.close();
            }
        };
        peer.onClose(end);
        LOG.debug("Peer {}: feeding input {} ({}) for {}", peer.id(), name,
                input.kind == TrackKind.VIDEO ? "video" : "audio", publisher);
        return new InputFeed(peer, end);
    }

    /** Backpressure from the encoders: passed to the session managers this engine serves. */
    private void limitFrameRate(String sessionId, double fps, java.time.Duration validFor) {
        List<SessionManager> managers;
        synchronized (this) {
            managers = List.copyOf(attached);
        }
        for (SessionManager sessions : managers) {
            sessions.limitFrameRate(sessionId, fps, validFor);
        }
    }

    /**
     * Frames encoded and seconds spent encoding by every open viewer's video encoder, as of the
     * last encoder-feedback round, at most half a second old (benchmarks).
     */
    public long framesEncoded() {
        return encoderFeedback.totals().framesEncoded();
    }

    public double encodeSeconds() {
        return encoderFeedback.totals().encodeSeconds();
    }

    private void checkIdleInputs() {
        long now = System.nanoTime();
        for (RemoteInput input : remoteInputs) {
            input.checkIdle(now);
        }
    }

    /** Client tracks currently feeding inputs (the leak tests watch this). */
    public int remoteInputCount() {
        return remoteInputs.size();
    }

    /** Receives released frames on the pacer thread: only hands them over, so playout is never delayed here. */
    @Override
    public void onFrame(Frame frame) {
        if (closed) {
            return;
        }
        if (pendingFrames.incrementAndGet() > MAX_PENDING_FRAMES) {
            pendingFrames.decrementAndGet();
            framesDropped.incrementAndGet();
            return;
        }
        try {
            videoThread.execute(() -> {
                try {
                    long start = System.nanoTime();
                    sources.computeIfAbsent(frame.sessionId(), id -> SessionVideoSource.create(factory, id))
                            .push(frame);
                    convertNanos.addAndGet(System.nanoTime() - start);
                    framesConverted.incrementAndGet();
                } finally {
                    pendingFrames.decrementAndGet();
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pendingFrames.decrementAndGet();
        }
    }

    @Override
    public void onEvent(SessionEvent event) {
        switch (event.type()) {
            case STARTED -> video(event.sessionId()).exceptionally(logFailure("making the video source", event.sessionId()));
            case ENDED -> closeSessionPeers(event.sessionId())
                    .thenRunAsync(() -> disposeSource(event.sessionId()), videoThread)
                    .exceptionally(logFailure("disposing the media sources", event.sessionId()));
            default -> { }
        }
    }

    /** Closes the peers sending {@code sessionId}'s video; completes when they are gone. */
    public CompletableFuture<Void> closeSessionPeers(String sessionId) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ViewerPeer peer : peers) {
            if (sessionId.equals(peer.videoSessionId())) {
                closing.add(peer.close());
            }
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /** Logs a failure nobody waits for (sources made ahead of the first viewer, disposal after the end). */
    private static <T> Function<Throwable, T> logFailure(String what, String sessionId) {
        return error -> {
            LOG.warn("Session {}: {} failed", sessionId, what, error);
            return null;
        };
    }

    private void disposeSource(String sessionId) {
        SessionVideoSource source = sources.remove(sessionId);
        if (source != null) {
            source.dispose();
            LOG.debug("Disposed the video of session {}", sessionId);
        }
        SessionAudioSource audioSource = audioSources.remove(sessionId);
        if (audioSource != null) {
            audioSource.dispose();
        }
    }

    /** Native media sources alive now (video and audio): the leak tests watch this. */
    public CompletableFuture<Integer> sourceCount() {
        return CompletableFuture.supplyAsync(() -> sources.size() + audioSources.size(), videoThread);
    }

    /**
     * True while the audio module's capture is fenced: a peer is connecting or negotiating, so
     * libwebrtc may be starting the module's capture and the model's audio is skipped.
     */
    public boolean audioCaptureFenced() {
        return audio.isFenced();
    }

    /** The model's 10 ms audio chunks skipped while the capture was fenced, since the engine started. */
    public long audioChunksSkipped() {
        return audio.skippedPushes();
    }

    /** Peers whose native connection exists (created and not yet closed): the leak tests watch this. */
    public int nativePeerCount() {
        return nativePeers.get();
    }

    /**
     * Transceivers of every open peer connection (each holds a native sender, receiver and remote
     * track): the leak tests watch this. Completes once every peer answered; a closed peer counts 0.
     */
    public CompletableFuture<Integer> transceiverCount() {
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (ViewerPeer peer : peers) {
            counts.add(peer.call(pc -> pc.getTransceivers().length).exceptionally(closed -> 0));
        }
        return CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> counts.stream().mapToInt(CompletableFuture::join).sum());
    }

    /** Peers opened and not yet closed (including ones whose connection is still being created). */
    public int peerCount() {
        return peers.size();
    }

    public MediaStats stats() {
        long converted = framesConverted.get();
        return new MediaStats(peers.size(), nativePeers.get(), converted, framesDropped.get(),
                converted == 0 ? 0 : convertNanos.get() / (double) converted / 1000.0);
    }

    /** Closes every peer, disposes the sources, the factory and the audio module. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (SessionManager sessions : List.copyOf(attached)) {
                detach(sessions);
            }
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ViewerPeer peer : peers) {
            closing.add(peer.close());
        }
        boolean interrupted = false;
        boolean peersClosed = false;
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            peersClosed = true;
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Some peers did not close within {} s", CLOSE_WAIT_SECONDS, e);
        }
        inputThread.shutdownNow();
        videoThread.execute(() -> {
            sources.values().forEach(SessionVideoSource::dispose);
            sources.clear();
            audioSources.values().forEach(SessionAudioSource::dispose);
            audioSources.clear();
        });
        videoThread.shutdown();
        boolean videoDone = false;
        try {
            videoDone = videoThread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            if (!videoDone) {
                LOG.warn("The media video thread did not end within {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            // Whoever interrupted us (a JVM shutdown, a test timeout) still needs to see it.
            Thread.currentThread().interrupt();
        }
        int stillNative = nativePeerCount();
        if (!peersClosed || !videoDone || stillNative > 0) {
            // Freeing the factory under a peer or source that still uses it crashes the JVM in native code;
            // leaking it until the process exits does not.
            LOG.warn("Leaving the WebRTC factory allocated ({} native peers still open, peers closed: {}, video thread "
                    + "ended: {}{}); the process frees it when it exits", stillNative, peersClosed, videoDone,
                    interrupted ? ", interrupted while waiting" : "");
            return;
        }
        factory.dispose();
        audio.dispose();
    }
}
