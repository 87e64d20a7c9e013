package dev.reactorstudio.runtime.livekit;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.TrickleRequest;

/**
 * Stands in for the WebRTC side in loopback tests (WebRTC itself needs the test namespace):
 * records what signaling hands it, and lets a test play the viewer's data channel.
 */
final class FakeNegotiation implements Negotiation {
    final SignalPath path;
    final ViewerIdentity viewer;
    final JoinParameters join;
    final String sessionId;
    final Signals signals;
    final List<SessionDescription> offers = new CopyOnWriteArrayList<>();
    final BlockingQueue<ByteBuffer> sentData = new LinkedBlockingQueue<>();
    volatile boolean started;
    volatile boolean closed;
    /** Whether close() hangs forever, as a peer stuck in a native call does. */
    private final boolean closeHangs;

    private FakeNegotiation(SignalPath path, ViewerIdentity viewer, JoinParameters join, String sessionId,
                            Signals signals, boolean closeHangs) {
        this.closeHangs = closeHangs;
        this.path = path;
        this.viewer = viewer;
        this.join = join;
        this.sessionId = sessionId;
        this.signals = signals;
    }

    /** A factory that remembers every negotiation it made. */
    static final class Recorder implements Factory {
        final BlockingQueue<FakeNegotiation> made = new LinkedBlockingQueue<>();
        /** Negotiations made from now on never finish closing. */
        volatile boolean closeHangs;

        @Override
        public Negotiation create(SignalPath path, ViewerIdentity viewer, JoinParameters join, String sessionId,
                                  ModelParticipant model, Signals signals) {
            FakeNegotiation negotiation = new FakeNegotiation(path, viewer, join, sessionId, signals, closeHangs);
            made.add(negotiation);
            return negotiation;
        }

        FakeNegotiation next() throws InterruptedException {
            FakeNegotiation negotiation = made.poll(10, TimeUnit.SECONDS);
            if (negotiation == null) {
                throw new AssertionError("no negotiation started within 10 s");
            }
            return negotiation;
        }
    }

    /** The next data packet the server sent this viewer. */
    ByteBuffer nextData() throws InterruptedException {
        ByteBuffer packet = sentData.poll(10, TimeUnit.SECONDS);
        if (packet == null) {
            throw new AssertionError("no data packet within 10 s");
        }
        return packet;
    }

    @Override
    public void start() {
        started = true;
        join.publisherOffer().ifPresent(offers::add);
    }

    @Override
    public void onOffer(SessionDescription offer) {
        offers.add(offer);
    }

    @Override
    public void onAnswer(SessionDescription answer) {
    }

    @Override
    public void onTrickle(TrickleRequest trickle) {
    }

    @Override
    public void sendData(ByteBuffer packet) {
        sentData.add(packet);
    }

    @Override
    public CompletableFuture<Void> close() {
        closed = true;
        return closeHangs ? new CompletableFuture<>() : CompletableFuture.completedFuture(null);
    }
}
