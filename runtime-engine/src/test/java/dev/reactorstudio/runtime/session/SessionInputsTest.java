package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reactorstudio.runtime.api.AudioFrame;
import dev.reactorstudio.runtime.api.InputFrame;
import dev.reactorstudio.runtime.api.InputTrack;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionInputsTest {
    static final DeclaredTracks TRACKS = new DeclaredTracks(
            List.of(new TrackSpec("webcam", TrackKind.VIDEO), new TrackSpec("mic", TrackKind.AUDIO)),
            DeclaredTracks.DEFAULT.outputs(), true);

    private final SessionInputs inputs = new SessionInputs(TRACKS);

    private static byte[] rgb(int w, int h, int value) {
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return rgb;
    }

    @Test
    void firstPublisherWinsAndASecondGetsAClearError() throws Exception {
        inputs.claim("webcam", TrackKind.VIDEO, "viewer-a");
        assertThatThrownBy(() -> inputs.claim("webcam", TrackKind.VIDEO, "viewer-b"))
                .isInstanceOf(InputClaimException.class)
                .hasMessageContaining("already published by another client (viewer-a)")
                .hasMessageContaining("first publisher wins");
        // Frames of the loser are ignored.
        inputs.offerVideo("webcam", "viewer-b", rgb(2, 2, 9), 2, 2, 0);
        assertThat(inputs.video("webcam").received()).isZero();
        // Once the winner leaves, the other may publish.
        inputs.releaseAll("viewer-a");
        inputs.claim("webcam", TrackKind.VIDEO, "viewer-b");
        assertThat(inputs.publisher("webcam")).isEqualTo("viewer-b");
    }

    @Test
    void undeclaredOrWrongKindInputsAreRefusedNamingTheDeclaredOnes() {
        assertThatThrownBy(() -> inputs.claim("screen", TrackKind.VIDEO, "a"))
                .hasMessageContaining("no video input named \"screen\"")
                .hasMessageContaining("webcam (video), mic (audio)");
        assertThatThrownBy(() -> inputs.claim("mic", TrackKind.VIDEO, "a")).isInstanceOf(InputClaimException.class);
        assertThatThrownBy(() -> inputs.video("mic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add {\"name\": \"mic\", \"kind\": \"video\"}");
    }

    @Test
    void nextReadsInOrderAndLatestSkipsToTheNewest() throws Exception {
        InputTrack<InputFrame> webcam = inputs.video("webcam");
        assertThat(webcam.latest()).isNull();
        assertThat(webcam.isLive()).isFalse();
        inputs.claim("webcam", TrackKind.VIDEO, "a");
        for (int i = 1; i <= 3; i++) {
            inputs.offerVideo("webcam", "a", rgb(4, 2, i), 4, 2, i);
        }
        InputFrame first = webcam.next(Duration.ofSeconds(1));
        assertThat(first.rgb()[0]).isEqualTo((byte) 1);
        assertThat(first.width()).isEqualTo(4);
        assertThat(first.height()).isEqualTo(2);
        assertThat(first.sequence()).isZero();
        assertThat(webcam.latest().rgb()[0]).isEqualTo((byte) 3);
        // latest() consumed what was older: nothing unread is left.
        assertThat(webcam.next(Duration.ofMillis(50))).isNull();
        // A resolution change arrives as it is.
        inputs.offerVideo("webcam", "a", rgb(8, 6, 7), 8, 6, 4);
        InputFrame bigger = webcam.next(Duration.ofSeconds(1));
        assertThat(bigger.width()).isEqualTo(8);
        assertThat(bigger.rgb()).hasSize(8 * 6 * 3);
        assertThat(webcam.received()).isEqualTo(4);
    }

    @Test
    void aSlowReaderLosesTheOldestFramesNotTheNewest() throws Exception {
        inputs.claim("webcam", TrackKind.VIDEO, "a");
        for (int i = 0; i < 10; i++) {
            inputs.offerVideo("webcam", "a", rgb(1, 1, i), 1, 1, i);
        }
        InputFrame oldestKept = inputs.video("webcam").next(Duration.ofSeconds(1));
        assertThat(oldestKept.rgb()[0]).isEqualTo((byte) (10 - SessionInputs.VIDEO_CAPACITY));
    }

    @Test
    void unpublishWakesAWaitingReaderLongBeforeItsTimeout() throws Exception {
        inputs.claim("webcam", TrackKind.VIDEO, "a");
        InputTrack<InputFrame> webcam = inputs.video("webcam");
        CompletableFuture<InputFrame> waiting = readerWaitingIn(() -> webcam.next(Duration.ofMinutes(5)));
        inputs.release("webcam", "a");
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(webcam.isLive()).isFalse();
    }

    @Test
    void aFrameOfferedAfterTheUnpublishIsNotCountedSoAModelSeesTheCountStopWithTheTrack() throws Exception {
        inputs.claim("webcam", TrackKind.VIDEO, "a");
        inputs.offerVideo("webcam", "a", rgb(1, 1, 1), 1, 1, 0);
        InputBuffer<InputFrame> webcam = (InputBuffer<InputFrame>) inputs.video("webcam");
        inputs.release("webcam", "a");
        // A transport thread that passed the publisher check just before the release offers late.
        webcam.offer(new InputFrame(rgb(1, 1, 2), 1, 1, 1, 0, System.nanoTime()));
        assertThat(webcam.isLive()).isFalse();
        assertThat(webcam.received()).as("frames counted after the track stopped").isEqualTo(1);
        assertThat(webcam.next(Duration.ZERO).rgb()[0]).isEqualTo((byte) 1);
        assertThat(webcam.next(Duration.ZERO)).isNull();
    }

    /**
     * Runs {@code read} on its own thread and returns once that thread is blocked in it, so what the
     * test does next happens while the reader waits (however slowly the thread got going).
     */
    private static <T> CompletableFuture<T> readerWaitingIn(java.util.concurrent.Callable<T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                result.complete(read.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, "test-input-reader");
        reader.setDaemon(true);
        reader.start();
        // next(timeout) parks with a deadline: TIMED_WAITING is the reader inside it.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> result.isDone() || reader.getState() == Thread.State.TIMED_WAITING);
        return result;
    }

    @Test
    void sessionEndWakesReadersAndIgnoresLaterFrames() throws Exception {
        inputs.claim("mic", TrackKind.AUDIO, "a");
        InputTrack<AudioFrame> mic = inputs.audio("mic");
        CompletableFuture<AudioFrame> waiting = readerWaitingIn(() -> mic.next(Duration.ofMinutes(5)));
        inputs.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isNull();
        inputs.offerAudio("mic", "a", new short[480], 48_000, 1, 0);
        assertThat(mic.received()).isZero();
    }

    @Test
    void audioArrivesAt48kHzWhateverTheClientsRate() throws Exception {
        inputs.claim("mic", TrackKind.AUDIO, "a");
        inputs.offerAudio("mic", "a", new short[160 * 2], 16_000, 2, 0);
        AudioFrame frame = inputs.audio("mic").next(Duration.ofSeconds(1));
        assertThat(frame.channels()).isEqualTo(2);
        assertThat(frame.frames()).isBetween(478, 480);
        inputs.offerAudio("mic", "a", new short[480], 48_000, 1, 0);
        assertThat(inputs.audio("mic").next(Duration.ofSeconds(1)).frames()).isEqualTo(480);
    }
}
