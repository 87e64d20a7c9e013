package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * When the encoders hold a model back ({@link EncoderBackpressure}, {@link EncoderFeedback}):
 * only when an encoder is busy and drops frames for lack of time, only as far as the fastest
 * viewer needs, and never a session nobody is encoding for. Readings are synthetic (one per
 * second), so nothing here depends on the machine's speed.
 */
class EncoderBackpressureTest {
    private static final long SECOND = 1_000_000_000L;

    /** Readings one second apart: {frames pushed, frames encoded, seconds encoding} per second. */
    private static double[] feed(EncoderBackpressure policy, double[]... perSecond) {
        long pushed = 0;
        long encoded = 0;
        double seconds = 0;
        double[] limits = new double[perSecond.length + 1];
        limits[0] = policy.next(new EncoderBackpressure.Reading(0, 0, 0, 0));
        for (int i = 0; i < perSecond.length; i++) {
            pushed += (long) perSecond[i][0];
            encoded += (long) perSecond[i][1];
            seconds += perSecond[i][2];
            limits[i + 1] = policy.next(new EncoderBackpressure.Reading((i + 1) * SECOND, pushed, encoded, seconds));
        }
        return limits;
    }

    @Test
    void aBusyEncoderThatDropsHoldsTheModelALittleAboveWhatItEncodes() {
        double[] limits = feed(new EncoderBackpressure(), new double[] {90, 70, 0.97});
        assertThat(limits[0]).as("the first reading only measures").isZero();
        assertThat(limits[1]).isCloseTo(70 * EncoderBackpressure.HEADROOM, within(0.01));
    }

    @Test
    void anEncoderThatKeepsUpLetsTheLimitGrowUntilItIsLifted() {
        double[] limits = feed(new EncoderBackpressure(),
                new double[] {90, 70, 0.97},   // dropping: limited to 80.5
                new double[] {80, 79, 0.9},    // keeps up at the limit: grows
                new double[] {100, 99, 0.9},   // keeps up again: grows
                new double[] {85, 84, 0.8});   // the model no longer reaches it: lifted
        assertThat(limits[1]).isCloseTo(80.5, within(0.01));
        assertThat(limits[2]).isCloseTo(80.5 * EncoderBackpressure.GROWTH, within(0.01));
        assertThat(limits[3]).isGreaterThan(limits[2]);
        assertThat(limits[4]).isZero();
    }

    @Test
    void dropsByRateControlWithAnIdleEncoderNeverHoldTheModel() {
        // Noise at VGA: the encoder skips frames to stay within its bitrate, but is busy only 30 % of the time.
        double[] limits = feed(new EncoderBackpressure(), new double[] {30, 18, 0.3}, new double[] {30, 17, 0.3});
        assertThat(limits).containsOnly(0.0);
    }

    @Test
    void anEncoderWaitingForACoreWellUnderItsBitrateIsHeldToo() {
        // A loaded machine: the encoder thread waits for a core more than it encodes (busy 37 %),
        // drops a third of its frames and sends 5 of the 20 Mbit/s it may: short of time, not of bits.
        EncoderBackpressure policy = new EncoderBackpressure();
        policy.next(new EncoderBackpressure.Reading(0, 0, 0, 0, 0, 20e6));
        double limit = policy.next(new EncoderBackpressure.Reading(SECOND, 45, 29, 0.37, 5_000_000 / 8, 20e6));
        assertThat(limit).isCloseTo(29 * EncoderBackpressure.HEADROOM, within(0.01));
    }

    @Test
    void anEncoderSpendingItsWholeBitrateDropsByRateControlAndIsNotHeld() {
        // 300 kbit/s for noise: it sends what it may and skips frames to stay within it.
        EncoderBackpressure policy = new EncoderBackpressure();
        policy.next(new EncoderBackpressure.Reading(0, 0, 0, 0, 0, 300_000));
        double limit = policy.next(new EncoderBackpressure.Reading(SECOND, 30, 15, 0.3, 295_000 / 8, 300_000));
        assertThat(limit).isZero();
    }

    @Test
    void noFramesEncodedMeansNoViewerToHoldTheModelFor() {
        double[] limits = feed(new EncoderBackpressure(), new double[] {200, 0, 0}, new double[] {200, 0, 0});
        assertThat(limits).containsOnly(0.0);
    }

    @Test
    void aStalledEncoderNeverHoldsTheModelBelowTheFloor() {
        double[] limits = feed(new EncoderBackpressure(), new double[] {60, 2, 1.0});
        assertThat(limits[1]).isEqualTo(EncoderBackpressure.MIN_FPS);
    }

    @Test
    void countersThatGoBackwardsStartAFreshMeasurement() {
        EncoderBackpressure policy = new EncoderBackpressure();
        feed(policy, new double[] {90, 70, 0.97});
        assertThat(policy.next(new EncoderBackpressure.Reading(5 * SECOND, 10, 5, 0.1))).isZero();
    }

    @Test
    void theFastestViewerDecidesAndASessionWithoutEncodersIsNotTold() {
        Map<String, Double> told = new ConcurrentHashMap<>();
        EncoderFeedback feedback = new EncoderFeedback(Runnable::run, (sessionId, fps, validFor) -> {
            assertThat(validFor).isEqualTo(EncoderFeedback.VALID).isGreaterThan(Duration.ZERO);
            told.put(sessionId, fps);
        });
        Map<String, Long> pushed = Map.of("a", 0L, "b", 0L);
        feedback.apply(List.of(
                new EncoderFeedback.Encoder("p1/v", "a", 0, 0),
                new EncoderFeedback.Encoder("p2/v", "a", 0, 0),
                new EncoderFeedback.Encoder("p3/v", "b", 0, 0)), pushed::get, 0);
        told.clear();

        List<EncoderFeedback.Encoder> second = new ArrayList<>(List.of(
                // session a: one viewer's encoder drops (busy), the other keeps up → a is not held
                new EncoderFeedback.Encoder("p1/v", "a", 60, 1.0),
                new EncoderFeedback.Encoder("p2/v", "a", 89, 0.5),
                // session b: its only viewer's encoder drops → held near what it encodes
                new EncoderFeedback.Encoder("p3/v", "b", 50, 0.95)));
        feedback.apply(second, Map.of("a", 90L, "b", 90L)::get, SECOND);
        assertThat(told).containsOnlyKeys("a", "b");
        assertThat(told.get("a")).isZero();
        assertThat(told.get("b")).isCloseTo(50 * EncoderBackpressure.HEADROOM, within(0.01));
        assertThat(feedback.totals().framesEncoded()).isEqualTo(199);
        assertThat(feedback.totals().encodeSeconds()).isCloseTo(2.45, within(1e-9));

        // Both viewers of a drop: the faster one decides. Session b's viewer left: b is not told (its limit lapses).
        told.clear();
        feedback.apply(List.of(
                new EncoderFeedback.Encoder("p1/v", "a", 120, 2.0),
                new EncoderFeedback.Encoder("p2/v", "a", 159, 1.5)), Map.of("a", 180L)::get, 2 * SECOND);
        assertThat(told).containsOnlyKeys("a");
        assertThat(told.get("a")).isCloseTo(70 * EncoderBackpressure.HEADROOM, within(0.01));
    }
}
