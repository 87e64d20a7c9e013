package dev.reactorstudio.runtime.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.reactorstudio.runtime.guard.ReplyBudget;
import dev.reactorstudio.runtime.session.Session;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.LeaveRequest;
import livekit.LivekitRtc.Pong;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer's signal WebSocket, from join to leave. Everything the session does — handling
 * requests, sending responses, data from the model — runs on its own named thread, in order:
 * Jetty's threads, the model's thread and the peers' executors only post here. That keeps the
 * frame order on the socket and never holds a lock while a peer works.
 *
 * <p>Life cycle: {@link #open()} joins the model's session (starting it if needed), sends the
 * join response and starts the negotiation; a {@code leave} from either side, a closed socket
 * or the end of the model's session detaches the viewer and closes its peers (waiting for them
 * at most {@link #PEER_CLOSE_DEADLINE}).
 */
final class SignalSession {
    private static final Logger LOG = LoggerFactory.getLogger(SignalSession.class);
    /** As long as libwebrtc gets to answer an offer ({@code AnswerDeadline}): a close taking longer is stuck. */
    static final Duration PEER_CLOSE_DEADLINE = AnswerDeadline.DEFAULT;

    private final ViewerIdentity viewer;
    private final JoinParameters join;
    private final SignalChannel channel;
    private final RoomState room;
    private final SessionBridge bridge;
    private final Negotiation.Factory negotiations;
    private final GrantEnforcer grants;
    private final ExecutorService thread;
    private final ReplyBudget refusals = new ReplyBudget(ReplyBudget.REFUSALS_PER_SECOND);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Duration peerCloseDeadline;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile String sessionId;
    // Touched only on `thread`.
    private Session session;
    private Negotiation negotiation;
    private boolean ended;
    /** The viewer's tracks published into the model's inputs; read by the peers' executors. */
    private volatile InputPublications publications;

    /**
     * @param grants enforces the viewer's token on what it sends (shared by the server, which counts refusals)
     * @param peerCloseDeadline how long an ending session waits for its peers to close before it lets go anyway
     */
    SignalSession(ViewerIdentity viewer, JoinParameters join, SignalChannel channel, RoomState room,
                  SessionBridge bridge, Negotiation.Factory negotiations, GrantEnforcer grants, Duration peerCloseDeadline) {
        this.viewer = viewer;
        this.peerCloseDeadline = peerCloseDeadline;
        this.grants = grants;
        this.join = join;
        this.channel = channel;
        this.room = room;
        this.bridge = bridge;
        this.negotiations = negotiations;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "livekit-signal-" + viewer.clientId().substring("livekit:".length()));
            t.setDaemon(true);
            return t;
        });
    }

    String identity() {
        return viewer.grant().identity();
    }

    /** The model session this viewer watches; null until joined. */
    String sessionId() {
        return sessionId;
    }

    /** Tracks this viewer publishes now (accepted and not unpublished): the leak tests watch this. */
    int publicationCount() {
        InputPublications published = publications;
        return published == null ? 0 : published.count();
    }

    /** Completes once the viewer is detached and its peers are closed. */
    CompletableFuture<Void> closed() {
        return closed.copy();
    }

    /** Completes when one of the viewer's peer connections first reached {@code connected}. */
    CompletableFuture<Void> connected() {
        return connected.copy();
    }

    /** The viewer did not connect within {@code lifetime} of joining: tells it why, then closes. */
    void connectTimedOut(Duration lifetime) {
        post(() -> {
            if (!ended) {
                LOG.info("Viewer {} did not connect within {} s: dropping it", identity(), lifetime.toSeconds());
                sendLeave(DisconnectReason.JOIN_FAILURE, LeaveRequest.Action.DISCONNECT);
                endNow("not connected within " + lifetime.toSeconds() + " s (--pending-peer-timeout)");
            }
        });
    }

    void open() {
        post(this::joinNow);
    }

    private void joinNow() {
        if (join.reconnect()) {
            // We told the client not to resume (JoinResponseFactory); if it tries anyway, make it re-join afresh.
            sendLeave(DisconnectReason.STATE_MISMATCH, LeaveRequest.Action.RECONNECT);
            endNow("resume is not supported");
            return;
        }
        try {
            session = bridge.join(viewer.clientId());
        } catch (ModelUnavailableException e) {
            LOG.info("Viewer {} cannot join: {}", identity(), e.getMessage());
            sendLeave(DisconnectReason.SERVER_SHUTDOWN, LeaveRequest.Action.DISCONNECT);
            endNow(e.getMessage());
            return;
        }
        sessionId = session.id();
        publications = new InputPublications(viewer.clientId(), session.inputs());
        room.admit(this);
        send(SignalResponse.newBuilder().setJoin(JoinResponseFactory.create(room, viewer,
                room.model().info(bridge.frameWidth(), bridge.frameHeight()), join.path())).build());
        negotiation = negotiations.create(join.path(), viewer, join, session.id(), room.model(), new Signals());
        negotiation.start();
        LOG.info("Viewer {} joined room {} over {} ({}), watching session {}", identity(), room.name(),
                join.path().path(), join.client(), session.id());
    }

    /** A binary frame from the client: one SignalRequest. */
    void receive(ByteBuffer frame) {
        SignalRequest request;
        try {
            request = SignalRequest.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("Viewer {} sent a frame that is not a SignalRequest: {}", identity(), e.getMessage());
            return;
        }
        post(() -> handle(request));
    }

    private void handle(SignalRequest request) {
        if (ended) {
            return;
        }
        if (session != null) {
            session.touch();
        }
        switch (request.getMessageCase()) {
            case OFFER -> negotiation.onOffer(request.getOffer());
            case ANSWER -> negotiation.onAnswer(request.getAnswer());
            case TRICKLE -> negotiation.onTrickle(request.getTrickle());
            case ADD_TRACK -> addTrack(request.getAddTrack());
            case PING -> send(SignalResponse.newBuilder().setPong(System.currentTimeMillis()).build());
            case PING_REQ -> send(SignalResponse.newBuilder().setPongResp(Pong.newBuilder()
                    .setLastPingTimestamp(request.getPingReq().getTimestamp())
                    .setTimestamp(System.currentTimeMillis())).build());
            case LEAVE -> {
                LOG.info("Viewer {} left ({})", identity(), request.getLeave().getReason());
                endNow("the client left");
            }
            // Subscription permissions, track settings (adaptive stream), mute, metadata and the
            // rest do not apply to a room whose only publisher is the model.
            default -> LOG.debug("Viewer {}: ignoring {}", identity(), request.getMessageCase());
        }
    }

    /**
     * The client announces a track it publishes. The token decides first ({@link GrantEnforcer}:
     * {@code canPublish}, {@code canPublishSources}); then the track must name a free declared
     * input of its kind ({@link InputPublications}: first publisher wins). A refusal is
     * answered as LiveKit's server does, with a {@code request_response}, and — because the client
     * does not surface that to the app — with a {@code TRACK_PUBLISH_REFUSED} error on topic
     * {@code runtime} that says why. A refused track's media never reaches the model.
     */
    private void addTrack(AddTrackRequest request) {
        var refusal = grants.publishRefusal(viewer.grant(), request);
        if (refusal.isPresent()) {
            LOG.info("Viewer {} may not publish track \"{}\" ({}): {}", identity(), request.getName(),
                    request.getType(), refusal.get().getMessage());
            send(SignalResponse.newBuilder().setRequestResponse(refusal.get()).build());
            refused(request.getName(), refusal.get().getMessage());
            return;
        }
        InputPublications.Outcome outcome = publications.onAddTrack(request);
        send(outcome.response());
        if (outcome.published()) {
            LOG.info("Viewer {} publishes {} {} into input \"{}\"", identity(), request.getType(), request.getCid(),
                    outcome.name());
        } else {
            LOG.info("Viewer {} may not publish \"{}\": {}", identity(), outcome.name(), outcome.refusal());
            refused(outcome.name(), outcome.refusal());
        }
    }

    private void refused(String name, String message) {
        negotiationData(bridge.publishRefused(name, message));
    }

    private void negotiationData(ByteBuffer packet) {
        if (!ended && negotiation != null) {
            negotiation.sendData(packet);
        }
    }

    /**
     * Sends a {@code commandError} to this viewer, at most {@link ReplyBudget#REFUSALS_PER_SECOND} a
     * second: a viewer flooding bad commands must not make the server flood replies.
     */
    private void refuse(ByteBuffer commandError) {
        if (refusals.admit()) {
            deliverData(commandError);
        } else {
            bridge.refusalReplySuppressed();
        }
    }

    /** Sends a DataPacket (from the model) to this viewer. */
    void deliverData(ByteBuffer packet) {
        post(() -> {
            if (!ended && negotiation != null) {
                negotiation.sendData(packet);
            }
        });
    }

    /** Server-initiated leave: tells the client why, then closes. */
    void leave(DisconnectReason reason) {
        post(() -> {
            if (!ended) {
                sendLeave(reason, LeaveRequest.Action.DISCONNECT);
                endNow("server: " + reason);
            }
        });
    }

    /** The WebSocket closed (client gone, or after our own close). */
    void onChannelClosed() {
        post(() -> endNow("the signal connection closed"));
    }

    private void sendLeave(DisconnectReason reason, LeaveRequest.Action action) {
        send(SignalResponse.newBuilder().setLeave(LeaveRequest.newBuilder().setReason(reason).setAction(action)
                .setCanReconnect(action != LeaveRequest.Action.DISCONNECT)).build());
    }

    private void send(SignalResponse response) {
        channel.send(ByteBuffer.wrap(response.toByteArray()));
    }

    private void endNow(String why) {
        if (ended) {
            return;
        }
        ended = true;
        LOG.debug("Viewer {}: session over ({})", identity(), why);
        room.remove(this);
        if (session != null) {
            bridge.leave(session, viewer.clientId());
        }
        channel.close(1000, why.length() > 120 ? why.substring(0, 120) : why);
        CompletableFuture<Void> peersClosed = negotiation == null ? CompletableFuture.completedFuture(null)
                : negotiation.close();
        // A peer stuck in a native call never finishes closing. Past the deadline the viewer's own thread and
        // its socket entry are let go anyway (they would leak with every stuck viewer); the stuck peer keeps
        // its own thread. The handler logs; nothing waits on the chained future.
        var unused = peersClosed.copy().orTimeout(peerCloseDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ok, failure) -> {
                    if (failure instanceof TimeoutException) {
                        LOG.warn("Viewer {}: its peers did not close within {} s (a native call is stuck);"
                                + " releasing its signaling anyway", identity(), peerCloseDeadline.toSeconds());
                    } else if (failure != null) {
                        LOG.warn("Viewer {}: closing peers failed", identity(), failure);
                    }
                    thread.shutdown();
                    closed.complete(null);
                });
    }

    private void post(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Viewer {}: signaling failed", identity(), e);
                    endNow("internal error: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // Ended: late frames, data and peer events have nothing left to do.
        }
    }

    /** What the negotiation reports; posts to this session's thread. */
    private final class Signals implements Negotiation.Signals {
        @Override
        public void send(SignalResponse response) {
            post(() -> {
                if (!ended) {
                    SignalSession.this.send(response);
                }
            });
        }

        @Override
        public void onData(ByteBuffer packet) {
            if (!grants.admitsData(viewer.grant())) {
                LOG.debug("Viewer {}: dropped a data packet (the token's video.canPublishData is false)", identity());
                return;
            }
            if (!bridge.admitsPacket(packet.remaining())) {
                LOG.debug("Viewer {}: dropped a {}-byte data packet (over --max-message-bytes)", identity(),
                        packet.remaining());
                return;
            }
            try {
                DataPacketCodec.decode(packet).filter(m -> ApplicationMessage.TOPIC.equals(m.topic()))
                        .ifPresent(m -> bridge.command(m.payload(), SignalSession.this::refuse));
            } catch (IllegalArgumentException e) {
                bridge.malformedPacket();
                LOG.debug("Viewer {}: {}", identity(), e.getMessage());
            }
        }

        @Override
        public void onConnected() {
            connected.complete(null);
        }

        @Override
        public java.util.Optional<InputPublications.Feed> inputFor(String cid) {
            InputPublications published = publications;
            return published == null ? java.util.Optional.empty() : published.feed(cid);
        }

        @Override
        public java.util.Optional<InputPublications.Feed> startFeed(String sectionTrackId,
                                                                    dev.reactorstudio.runtime.manifest.TrackKind kind) {
            InputPublications published = publications;
            return published == null ? java.util.Optional.empty() : published.startFeed(sectionTrackId, kind);
        }

        @Override
        public void onUnpublished(String cid, long announcement) {
            InputPublications published = publications;
            if (published != null) {
                published.unpublish(cid, announcement);
            }
        }

        @Override
        public void onInputRefused(String name, String message) {
            post(() -> refused(name, message));
        }

        @Override
        public void onFailed(String reason) {
            post(() -> {
                if (!ended) {
                    LOG.warn("Viewer {}: media connection failed: {}", identity(), reason);
                    sendLeave(DisconnectReason.SIGNAL_CLOSE, LeaveRequest.Action.RECONNECT);
                    endNow(reason);
                }
            });
        }
    }
}
