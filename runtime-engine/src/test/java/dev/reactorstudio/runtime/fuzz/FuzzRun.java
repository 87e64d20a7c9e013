package dev.reactorstudio.runtime.fuzz;

import java.util.Random;

/**
 * The seed and size of one fuzz run. CI runs a bounded, seeded run (the same cases every time);
 * {@code bench/fuzz.sh} runs longer ones with {@code -Dfuzz.iterations=N -Dfuzz.seed=S}. A failure
 * names the seed and case number, so it replays exactly.
 */
public record FuzzRun(long seed, int iterations) {

    public static FuzzRun configured(long defaultSeed, int defaultIterations) {
        return new FuzzRun(Long.getLong("fuzz.seed", defaultSeed), Integer.getInteger("fuzz.iterations", defaultIterations));
    }

    /** The random source of case {@code index}: independent of the cases before it, so one case replays alone. */
    public Random caseRandom(int index) {
        // Mixed: java.util.Random's first draws from consecutive seeds are nearly equal (every case would pick alike).
        return new Random(mix(seed * 1_000_003L + index));
    }

    /** MurmurHash3's 64-bit finaliser: nearby inputs give unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    public String replay(int index) {
        return "case " + index + " of seed " + seed + " (replay: -Dfuzz.seed=" + seed + " -Dfuzz.iterations=" + (index + 1) + ")";
    }
}
