package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.media.ViewerPeer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every offer a client sends is answered within a deadline, or the viewer is failed with the
 * reason: a negotiation never hangs silently. livekit-client gives up on an unanswered offer
 * after its own 15 s ({@code peerConnectionTimeout}) and then waits for a restart nothing would
 * trigger, so the deadline is shorter and the client learns why from the server's leave. When
 * the deadline passes, the peer's thread is logged where it stands — a native call that never
 * returned (libwebrtc's signaling or worker thread stuck) shows on top of that stack.
 */
final class AnswerDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerDeadline.class);
    /** Far above an answer on a loaded machine (well under a second), below the client's 15 s. */
    static final Duration DEFAULT = Duration.ofSeconds(10);
    private static final int STACK_LINES = 12;

    private AnswerDeadline() {
    }

    /** {@code answering} bounded by {@code deadline}: on expiry it fails with a {@link TimeoutException}. */
    static <T> CompletableFuture<T> bound(CompletableFuture<T> answering, Duration deadline) {
        return answering.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The reason to fail the viewer with after answering offer {@code offerId} failed; for an
     * expired deadline it also logs where {@code peer}'s thread is stuck.
     */
    static String reason(Throwable failure, long offerId, ViewerPeer peer, Duration deadline) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof TimeoutException)) {
            LOG.warn("Answering offer {} failed", offerId, failure);
            return "could not answer the offer: " + cause.getMessage();
        }
        String stack = format(peer.executor().stackTrace());
        LOG.error("Offer {} was not answered within {} s; peer thread {} is at:{}\nThreads inside webrtc-java now:{}",
                offerId, deadline.toSeconds(), peer.executor().name(), stack.isEmpty() ? " (not started)" : stack,
                threadsInWebrtc());
        return "offer " + offerId + " was not answered within " + deadline.toSeconds()
                + " s (the media engine did not respond; see the server log)";
    }

    /**
     * Every thread whose top frame is a webrtc-java native call (a peer call waiting for libwebrtc's
     * signaling thread, an audio module call, a track sink change): who else waits on libwebrtc.
     */
    private static String threadsInWebrtc() {
        StringBuilder out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (frames.length > 0 && frames[0].isNativeMethod() && frames[0].getClassName().startsWith("dev.onvoid.webrtc")) {
                out.append("\n").append(thread.getName()).append(':').append(format(frames));
            }
        });
        return out.length() == 0 ? " none" : out.toString();
    }

    private static String format(StackTraceElement[] frames) {
        return Arrays.stream(frames).limit(STACK_LINES).map(frame -> "\n\tat " + frame).collect(Collectors.joining());
    }
}
