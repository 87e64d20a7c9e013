package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A viewer flooding bad frames gets at most {@link RefusalReplies#PER_SECOND} replies a second; the rest are counted. */
class RefusalRepliesTest {

    @Test
    void repliesAreCappedPerSecondAndTheBudgetComesBackTheNextSecond() {
        AtomicLong now = new AtomicLong(5_000_000_000L);
        RefusalReplies replies = new RefusalReplies(now::get);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += replies.admit() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(RefusalReplies.PER_SECOND);
        assertThat(replies.suppressed()).isEqualTo(100 - RefusalReplies.PER_SECOND);

        now.addAndGet(999_000_000L);
        assertThat(replies.admit()).as("still the same second").isFalse();
        now.addAndGet(1_000_000L);
        assertThat(replies.admit()).as("a new second").isTrue();
    }
}
