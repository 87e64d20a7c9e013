package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalResponse;
import org.junit.jupiter.api.Test;

/**
 * CI once saw livekit-client's publish offer go unanswered: the peer's thread never came back
 * from libwebrtc, the client timed out after 15 s and waited for a restart nobody triggered, and
 * the server said nothing. Whatever stalls the peer, the viewer must be failed with a reason
 * within the answer deadline. The stall is simulated by occupying the peer's own thread, where
 * a stuck native call would sit; no network is needed (the offer is never applied).
 */
class AnswerDeadlineTest {

    @Test
    void anOfferTheStalledPeerCannotAnswerFailsTheViewerWithTheReasonAtTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> failed = new CompletableFuture<>();
        CompletableFuture<SignalResponse> sent = new CompletableFuture<>();
        Negotiation.Signals signals = new Negotiation.Signals() {
            @Override
            public void send(SignalResponse response) {
                sent.complete(response);
            }

            @Override
            public void onData(ByteBuffer packet) {
            }

            @Override
            public void onFailed(String reason) {
                failed.complete(reason);
            }
        };
        try (MediaEngine media = new MediaEngine(MediaOptions.defaults())) {
            JoinParameters join = new JoinParameters(SignalPath.V1, true, false, Optional.empty(), "test");
            V1Negotiation negotiation = new V1Negotiation(media, "stalled", join, "no-session", new ModelParticipant(),
                    signals, false, Duration.ofSeconds(1));
            // The peer's thread is busy (as in a native call that never returns) before the offer arrives.
            CountDownLatch stalled = new CountDownLatch(1);
            negotiationPeerExecutor(negotiation).execute(() -> {
                stalled.countDown();
                awaitQuietly(release);
            });
            assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            negotiation.onOffer(SessionDescription.newBuilder().setType("offer").setId(7).setSdp("v=0\r\n").build());

            String reason = failed.get(20, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(reason).contains("offer 7 was not answered within 1 s");
            assertThat(millis).as("failed at the deadline, not before").isGreaterThanOrEqualTo(900);
            assertThat(sent).as("no answer was sent").isNotDone();
            release.countDown();
            negotiation.close().get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
    }

    private static dev.reactorstudio.runtime.media.PeerExecutor negotiationPeerExecutor(V1Negotiation negotiation) {
        return negotiation.peerLink().peer().executor();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
