package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateEstimatorTest {
    private static final long MS = 1_000_000;

    @Test
    void unmeasuredRateIsTheCap() {
        RateEstimator rate = new RateEstimator(30);

        assertThat(rate.measured()).isFalse();
        assertThat(rate.rate()).isEqualTo(30);
    }

    @Test
    void firstSampleIsTakenAsIs() {
        RateEstimator rate = new RateEstimator(30);

        rate.addSample(4, 400 * MS);

        assertThat(rate.measured()).isTrue();
        assertThat(rate.rate()).isCloseTo(10, within(1e-9));
    }

    @Test
    void fasterThanTheCapIsCapped() {
        RateEstimator rate = new RateEstimator(30);

        rate.addSample(8, 10 * MS);
        rate.addSample(1, 0);

        assertThat(rate.rate()).isEqualTo(30);
    }

    @Test
    void oneSlowBlockMovesTheRateOnlyPartWay() {
        RateEstimator rate = new RateEstimator(60);
        rate.addSample(4, 200 * MS); // 20 fps

        rate.addSample(4, 1000 * MS); // a 4 fps hiccup

        assertThat(rate.rate()).isBetween(10.0, 19.0);
    }

    @Test
    void aLastingChangeIsFollowed() {
        RateEstimator rate = new RateEstimator(60);
        rate.addSample(4, 200 * MS); // 20 fps

        for (int i = 0; i < 20; i++) {
            rate.addSample(4, 400 * MS); // 10 fps from now on
        }

        assertThat(rate.rate()).isCloseTo(10, within(0.1));
    }

    @Test
    void emptyBlocksAreIgnored() {
        RateEstimator rate = new RateEstimator(30);

        rate.addSample(0, 5000 * MS);

        assertThat(rate.measured()).isFalse();
    }
}
