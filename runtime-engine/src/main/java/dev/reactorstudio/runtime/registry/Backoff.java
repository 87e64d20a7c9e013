package dev.reactorstudio.runtime.registry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for retrying a broken download stream: 200 ms, 400 ms, …
 * capped at 5 s. Jitter keeps parallel workers that failed together from retrying together.
 */
final class Backoff {
    private static final long BASE_MS = 200;
    private static final long CAP_MS = 5_000;

    private Backoff() {}

    static long delayMillis(int failedAttempts) {
        long ceiling = Math.min(CAP_MS, BASE_MS << Math.min(failedAttempts - 1, 10));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
