package dev.reactorstudio.runtime.coordinator;

import dev.reactorstudio.runtime.media.DataChannelBridge;
import dev.reactorstudio.runtime.media.ViewerPeer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One JS SDK client: what its {@code start_session} created. Its id is the {@code session_id}
 * the SDK puts in every transport URL, so two clients watching one runtime session negotiate
 * independently. A reconnect ({@code PUT sdp_params}) replaces the peer; the pending answer is
 * reset with it, so a poll never returns the old answer for the new offer.
 */
final class Viewer {
    final String id;
    final String sessionId;
    /** The {@code data} of {@code modelCapabilities}: {@code {"commands":[...]}}. */
    final com.fasterxml.jackson.databind.node.ObjectNode capabilities;
    private final AtomicInteger negotiations = new AtomicInteger();
    private volatile ViewerPeer peer;
    private volatile CompletableFuture<String> answer;
    private volatile DataChannelBridge channel;
    private volatile long lastPingNanos = System.nanoTime();
    private final long createdNanos = System.nanoTime();
    private volatile boolean connectedOnce;

    Viewer(String id, String sessionId, com.fasterxml.jackson.databind.node.ObjectNode capabilities) {
        this.id = id;
        this.sessionId = sessionId;
        this.capabilities = capabilities;
    }

    /** A unique name for the next peer (it names the peer's thread). */
    String nextPeerName() {
        return id + "-" + negotiations.incrementAndGet();
    }

    /** Installs a new peer and its pending answer; returns the previous peer (to close), or null. */
    synchronized ViewerPeer replacePeer(ViewerPeer next, CompletableFuture<String> pendingAnswer) {
        ViewerPeer previous = peer;
        peer = next;
        answer = pendingAnswer;
        channel = null;
        return previous;
    }

    ViewerPeer peer() {
        return peer;
    }

    boolean isCurrent(ViewerPeer candidate) {
        return peer == candidate;
    }

    CompletableFuture<String> answer() {
        return answer;
    }

    void channel(DataChannelBridge bridge) {
        channel = bridge;
        pinged();
    }

    DataChannelBridge channel() {
        return channel;
    }

    void pinged() {
        lastPingNanos = System.nanoTime();
    }

    long nanosSincePing() {
        return System.nanoTime() - lastPingNanos;
    }

    /** Its peer reached CONNECTED at least once. */
    void connected() {
        connectedOnce = true;
    }

    /** Created by {@code start_session} and never connected yet: a pending peer. */
    boolean pending() {
        return !connectedOnce;
    }

    long nanosSinceCreated() {
        return System.nanoTime() - createdNanos;
    }

    /** Still watching or about to: no peer yet, or a peer that has not closed. */
    boolean active() {
        ViewerPeer current = peer;
        return current == null || !current.isClosing();
    }
}
