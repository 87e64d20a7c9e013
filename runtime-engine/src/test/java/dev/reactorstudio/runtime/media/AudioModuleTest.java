package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The engine's audio module against the real native module (no network needed): a session's audio
 * thread still pushing while the engine closes must never call into the disposed module.
 */
class AudioModuleTest {
    @Test
    void afterDisposeTheCaptureStopIsANoOpInsteadOfACallIntoAFreedModule() {
        AudioModule audio = new AudioModule();
        assertThat(audio.stopCapture()).as("a live module: stopped (a no-op, nothing records)").isTrue();

        audio.dispose();

        assertThat(audio.stopCapture()).as("the push that follows is skipped").isFalse();
        assertThat(audio.isDisposed()).isTrue();
        audio.dispose();
        // What the guard keeps the audio threads from: webrtc-java's own call on the freed handle.
        assertThatThrownBy(() -> audio.forFactory().stopRecording()).isInstanceOf(NullPointerException.class);
    }

    @Test
    void audioThreadsStoppingCaptureWhileTheEngineDisposesNeverSeeAFreedModule() throws Exception {
        AudioModule audio = new AudioModule();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        AtomicIntegerArray calls = new AtomicIntegerArray(4);
        try {
            List<Future<Integer>> pushers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pushers.add(threads.submit(() -> {
                    while (audio.stopCapture()) {
                        calls.incrementAndGet(thread);
                    }
                    return calls.get(thread);
                }));
            }
            // Every thread is calling into the live module when the engine disposes it (waiting for each
            // thread's first call, not for a fixed time: a loaded machine can park a thread for longer).
            await().atMost(Duration.ofSeconds(10)).until(() -> IntStream.range(0, 4).allMatch(t -> calls.get(t) > 0));

            audio.dispose();

            for (Future<Integer> pusher : pushers) {
                // A call into the freed module would throw here (or crash the JVM); each thread just stops.
                assertThat(pusher.get(10, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void whileAPeerOperationMayStartASenderNoPushAndNoCaptureStopHappens() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AudioModule audio = new AudioModule(now::get);
        try {
            assertThat(audio.stopCapture()).as("no operation under way: push").isTrue();

            AudioModule.Hold negotiation = audio.hold("setting the remote description");
            AudioModule.Hold attach = audio.hold("attaching audio");
            assertThat(audio.stopCapture()).as("libwebrtc may be starting capture: skip").isFalse();
            negotiation.close();
            assertThat(audio.stopCapture()).as("one operation still under way").isFalse();
            attach.close();
            attach.close();
            assertThat(audio.stopCapture()).as("inside the settle time after the last one").isFalse();

            now.addAndGet(AudioModule.SETTLE.toNanos() + 1);
            assertThat(audio.stopCapture()).as("settled: push again").isTrue();
            assertThat(audio.skippedPushes()).isEqualTo(3);
        } finally {
            audio.dispose();
        }
    }

    @Test
    void anOperationThatNeverCompletesStopsHoldingAfterItsExpiry() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AudioModule audio = new AudioModule(now::get);
        try {
            audio.hold("setting the local description on a wedged peer");
            now.addAndGet(AudioModule.HOLD_EXPIRY.toNanos() - 1);
            assertThat(audio.stopCapture()).as("still within the expiry").isFalse();

            now.addAndGet(2);
            assertThat(audio.stopCapture()).as("expired, then the settle time").isFalse();
            now.addAndGet(AudioModule.SETTLE.toNanos() + 1);
            assertThat(audio.stopCapture()).as("one wedged peer does not mute every session for good").isTrue();
        } finally {
            audio.dispose();
        }
    }
}
