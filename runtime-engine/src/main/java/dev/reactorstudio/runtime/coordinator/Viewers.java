package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.reactorstudio.runtime.concurrent.Scheduled;
import dev.reactorstudio.runtime.guard.MessageLimit;
import dev.reactorstudio.runtime.media.CommandEnvelope;
import dev.reactorstudio.runtime.media.CommandGateway;
import dev.reactorstudio.runtime.media.DataChannelBridge;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.PeerEvents;
import dev.reactorstudio.runtime.media.SessionAudioSource;
import dev.reactorstudio.runtime.media.SessionVideoSource;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.reactorstudio.runtime.media.ViewerPeer;
import dev.reactorstudio.runtime.session.MessageSink;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionEvent;
import dev.reactorstudio.runtime.session.SessionListener;
import dev.reactorstudio.runtime.session.SessionManager;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JS SDK viewers of the coordinator: creates them, negotiates their peers with the media
 * engine, attaches them to their session while connected (attached clients hold off the
 * session's orphan timeout), fans model messages out to their data channels and drops viewers
 * whose pings stopped. Owns the {@code reactor-coordinator-liveness} thread.
 */
final class Viewers implements MessageSink, SessionListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Viewers.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MediaEngine media;
    private final Supplier<Optional<SessionManager>> sessions;
    private final CoordinatorOptions options;
    private final Map<String, Viewer> viewers = new ConcurrentHashMap<>();
    private final Map<SessionManager, CommandGateway> tapped = new ConcurrentHashMap<>();
    private final ScheduledExecutorService liveness;
    private final MessageLimit messageLimit;

    Viewers(MediaEngine media, Supplier<Optional<SessionManager>> sessions, CoordinatorOptions options) {
        this.media = media;
        this.sessions = sessions;
        this.options = options;
        this.messageLimit = new MessageLimit(options.security().limits().dataMessageBytes());
        this.liveness = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "reactor-coordinator-liveness");
            t.setDaemon(true);
            return t;
        });
        Scheduled.withFixedDelay(liveness, LOG, "Viewer liveness check", this::dropSilentViewers, 1, 1, TimeUnit.SECONDS);
    }

    /** A new viewer of {@code started}'s session; its id is URL-safe (the SDK puts it in paths unencoded). */
    Viewer add(SessionStarter.Started started) {
        tap();
        String id = HexFormat.of().formatHex(randomBytes());
        Viewer viewer = new Viewer(id, started.sessionId(), started.capabilities());
        viewers.put(id, viewer);
        session(viewer).ifPresent(Session::touch);
        return viewer;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Viewers of {@code sessionId} that watch or are about to (their peer has not closed). */
    int activeViewersOf(String sessionId) {
        return (int) viewers.values().stream().filter(v -> v.sessionId.equals(sessionId) && v.active()).count();
    }

    /** Viewers created and never connected. */
    int pending() {
        return (int) viewers.values().stream().filter(v -> v.pending() && v.active()).count();
    }

    /** Data-channel messages dropped for their size. */
    long oversizeMessagesDropped() {
        return messageLimit.dropped();
    }

    Optional<Viewer> get(String id) {
        return Optional.ofNullable(viewers.get(id));
    }

    Collection<Viewer> all() {
        return viewers.values();
    }

    /** Subscribes the engine and this registry to the session manager once it exists (after the model loaded). */
    private void tap() {
        sessions.get().ifPresent(manager -> tapped.computeIfAbsent(manager, m -> {
            media.attach(m);
            m.addMessageSink(this);
            m.addListener(this);
            return new CommandGateway(m);
        }));
    }

    /**
     * Starts answering {@code offerSdp} with a new peer (replacing the viewer's previous one);
     * the answer, candidates inline, lands in {@link Viewer#answer()}.
     */
    void negotiate(Viewer viewer, String offerSdp, TrackMapping mapping) {
        CommandGateway commands = sessions.get().map(tapped::get).orElse(null);
        ViewerPeer peer = media.openPeer(viewer.nextPeerName(), new ViewerEvents(viewer, commands, mapping));
        CompletableFuture<String> answer = new CompletableFuture<>();
        ViewerPeer previous = viewer.replacePeer(peer, answer);
        if (previous != null) {
            previous.close();
        }
        if (session(viewer).isEmpty()) {
            // Never create a video source for a session that is gone: nothing would dispose it.
            answer.completeExceptionally(new IllegalStateException("session " + viewer.sessionId + " has ended"));
            peer.close();
            return;
        }
        CompletableFuture<SessionAudioSource> audio = mapping.audioMid() == null
                ? CompletableFuture.completedFuture(null) : media.audio(viewer.sessionId);
        // The handler below takes every outcome; nothing else waits on the chained future.
        var unused = media.video(viewer.sessionId).thenCombine(audio, (video, sound) -> new Object[] {video, sound})
                .thenCompose(sources -> peer.answer(offerSdp, (SessionVideoSource) sources[0], mapping.videoMid(),
                        (SessionAudioSource) sources[1], mapping.audioMid(), options.forcedCodec(),
                        media.options().gatherTimeout()))
                .whenComplete((sdp, error) -> {
                    if (error != null) {
                        LOG.warn("Viewer {}: negotiation failed", viewer.id, error);
                        answer.completeExceptionally(error);
                    } else {
                        answer.complete(sdp);
                    }
                });
    }

    private Optional<Session> session(Viewer viewer) {
        return sessions.get().flatMap(SessionManager::current).filter(s -> s.id().equals(viewer.sessionId));
    }

    /** Viewers whose peer is connected. */
    int connected() {
        return (int) viewers.values().stream()
                .filter(v -> v.peer() != null && v.peer().state() == RTCPeerConnectionState.CONNECTED).count();
    }

    @Override
    public void onMessage(String sessionId, ObjectNode message) {
        String text = null;
        for (Viewer viewer : viewers.values()) {
            DataChannelBridge channel = viewer.channel();
            if (channel != null && viewer.sessionId.equals(sessionId)) {
                if (text == null) {
                    text = CommandEnvelope.application(message);
                }
                channel.send(text);
            }
        }
    }

    @Override
    public void onEvent(SessionEvent event) {
        if (event.type() == SessionEvent.Type.ENDED) {
            // The media engine closes the peers of the session; the viewers have nothing left to join.
            viewers.values().removeIf(v -> v.sessionId.equals(event.sessionId()));
        }
    }

    // viewers is a ConcurrentHashMap: its iterator is weakly consistent, so removing while iterating is safe.
    @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
    private void dropSilentViewers() {
        long limit = options.pingTimeout().toNanos();
        long pendingLimit = options.security().limits().pendingPeerLifetime().toNanos();
        for (Viewer viewer : viewers.values()) {
            if (viewer.pending() && viewer.nanosSinceCreated() > pendingLimit) {
                LOG.info("Viewer {} did not connect within {} s: dropping it", viewer.id,
                        options.security().limits().pendingPeerLifetime().toSeconds());
                viewers.remove(viewer.id, viewer);
                ViewerPeer peer = viewer.peer();
                if (peer != null) {
                    peer.close();
                }
                continue;
            }
            ViewerPeer peer = viewer.peer();
            if (peer != null && viewer.channel() != null && viewer.nanosSincePing() > limit) {
                LOG.info("Viewer {} sent no ping for {} s: dropping its peer", viewer.id,
                        options.pingTimeout().toSeconds());
                peer.close();
            }
        }
    }

    /** Stops every viewer's peer and forgets the viewers (on {@code /stop_session}). */
    void closeAll() {
        for (Viewer viewer : viewers.values()) {
            ViewerPeer peer = viewer.peer();
            if (peer != null) {
                peer.close();
            }
        }
        viewers.clear();
    }

    @Override
    public void close() {
        liveness.shutdownNow();
        closeAll();
        tapped.keySet().forEach(m -> {
            m.removeMessageSink(this);
            m.removeListener(this);
            media.detach(m);
        });
        tapped.clear();
    }

    /** One viewer peer's events, on that peer's executor. */
    private final class ViewerEvents implements PeerEvents {
        private final Viewer viewer;
        private final CommandGateway commands;
        private final TrackMapping mapping;

        ViewerEvents(Viewer viewer, CommandGateway commands, TrackMapping mapping) {
            this.viewer = viewer;
            this.commands = commands;
            this.mapping = mapping;
        }

        /** The client's webcam or microphone m-line: feeds the declared input it is mapped to. */
        @Override
        public void onTrack(ViewerPeer peer, RTCRtpTransceiver transceiver) {
            String name = mapping.inputs().get(transceiver.getMid());
            if (name == null) {
                return;
            }
            session(viewer).ifPresent(s -> media.feedInput(peer, transceiver, name, s.inputs(), message -> {
                DataChannelBridge channel = viewer.channel();
                if (channel != null && viewer.isCurrent(peer)) {
                    ObjectNode data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            .put("code", "TRACK_PUBLISH_REFUSED").put("track", name).put("message", message);
                    channel.send(CommandEnvelope.runtime("error", data));
                }
            }));
        }

        @Override
        public void onDataChannel(ViewerPeer peer, RTCDataChannel channel) {
            if (!"data".equals(channel.getLabel()) || commands == null) {
                return;
            }
            DataChannelBridge.attach(peer, channel, new JsSdkChannel(viewer, commands, commands.uploads(),
                    viewer.capabilities,
                    () -> session(viewer).ifPresent(Session::touch),
                    bridge -> {
                        if (viewer.isCurrent(peer)) {
                            viewer.channel(bridge);
                        }
                    }), messageLimit);
        }

        @Override
        public void onConnectionState(ViewerPeer peer, RTCPeerConnectionState state) {
            switch (state) {
                case CONNECTED -> {
                    viewer.connected();
                    session(viewer).ifPresent(s -> s.attachClient(peer.id()));
                }
                case FAILED -> peer.close();
                default -> { }
            }
        }

        @Override
        public void onClosed(ViewerPeer peer) {
            session(viewer).ifPresent(s -> s.detachClient(peer.id()));
        }
    }
}
