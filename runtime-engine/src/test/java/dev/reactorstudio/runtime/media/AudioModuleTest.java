package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        CountDownLatch running = new CountDownLatch(4);
        try {
            List<Future<Integer>> pushers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                pushers.add(threads.submit(() -> {
                    running.countDown();
                    int calls = 0;
                    while (audio.stopCapture()) {
                        calls++;
                    }
                    return calls;
                }));
            }
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);

            audio.dispose();

            for (Future<Integer> pusher : pushers) {
                // A call into the freed module would throw here (or crash the JVM); each thread just stops.
                assertThat(pusher.get(10, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
