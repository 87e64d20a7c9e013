package dev.reactorstudio.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StartRateLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final StartRateLimiter limiter = new StartRateLimiter(3, now::get);

    @Test
    void eachClientGetsItsOwnSlidingMinute() {
        assertThat(limiter.tryStart("10.0.0.1")).isZero();
        advance(Duration.ofSeconds(20));
        assertThat(limiter.tryStart("10.0.0.1")).isZero();
        assertThat(limiter.tryStart("10.0.0.1")).isZero();
        long wait = limiter.tryStart("10.0.0.1");
        assertThat(wait).as("the first start leaves the window 40 s from now").isBetween(39L, 41L);
        assertThat(limiter.tryStart("10.0.0.2")).as("another client is not affected").isZero();
        advance(Duration.ofSeconds(41));
        assertThat(limiter.tryStart("10.0.0.1")).isZero();
        assertThat(limiter.tryStart("10.0.0.1")).isPositive();
        assertThat(limiter.refusal("10.0.0.1", 5)).contains("at most 3 a minute").contains("--max-starts-per-minute");
    }

    @Test
    void refusedStartsDoNotCountAgainstTheClient() {
        for (int i = 0; i < 3; i++) {
            limiter.tryStart("c");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryStart("c")).isPositive();
        }
        advance(Duration.ofSeconds(61));
        assertThat(limiter.tryStart("c")).isZero();
    }

    @Test
    void messageLimitDropsAndCountsOversizeMessages() {
        MessageLimit limit = new MessageLimit(64 * 1024);
        assertThat(limit.admits(64 * 1024)).isTrue();
        assertThat(limit.admits(64 * 1024 + 1)).isFalse();
        assertThat(limit.admits(10_000_000)).isFalse();
        assertThat(limit.dropped()).isEqualTo(2);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }
}
