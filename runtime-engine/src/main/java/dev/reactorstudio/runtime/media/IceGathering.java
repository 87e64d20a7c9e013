package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.RTCIceGatheringState;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Tracks one peer's ICE gathering so a non-trickle answer (the JS SDK 2.9 has no candidate
 * endpoint) can wait until the candidates are in the local description. Touched only on the
 * peer's executor.
 */
final class IceGathering {
    private CompletableFuture<Void> complete = new CompletableFuture<>();

    void onState(RTCIceGatheringState state) {
        if (state == RTCIceGatheringState.COMPLETE) {
            complete.complete(null);
        } else if (state == RTCIceGatheringState.GATHERING && complete.isDone()) {
            complete = new CompletableFuture<>();
        }
    }

    /**
     * Completes on {@code executor} when gathering is complete, or after {@code timeout} with
     * whatever was gathered by then: a late answer is worse than one missing a slow interface.
     */
    CompletableFuture<Void> awaitComplete(Duration timeout, Executor executor) {
        return complete.copy()
                .completeOnTimeout(null, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .thenApplyAsync(ignored -> null, executor);
    }
}
