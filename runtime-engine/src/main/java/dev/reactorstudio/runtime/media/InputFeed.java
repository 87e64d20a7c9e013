package dev.reactorstudio.runtime.media;

/**
 * One client track feeding one declared input, as {@link MediaEngine#feedInput} started it. The
 * peer's close ends every feed of that peer; a signaling layer that learns earlier that the
 * client stopped publishing the track (LiveKit's unpublish turns the section inactive in the
 * next offer) ends it here, so a long-lived connection that publishes and unpublishes many times
 * holds only the feeds of what it publishes now. Either way the feed ends once, on the peer's
 * executor: its native sink is removed from the track and its claim on the input released.
 */
public final class InputFeed {
    private final ViewerPeer peer;
    private final Runnable end;

    InputFeed(ViewerPeer peer, Runnable end) {
        this.peer = peer;
        this.end = end;
    }

    /** Ends the feed (idempotent; posts to the peer's executor, so callable from any thread). */
    public void close() {
        peer.executor().execute(end);
    }
}
