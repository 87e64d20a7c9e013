package dev.reactorstudio.runtime.registry;

import java.util.List;

/**
 * The outcome of re-hashing a cached weight against its completion record.
 *
 * @param unverifiable files whose registry object offered no digest (size checked only)
 * @param problems     one line per bad file; a weight with problems was demoted to partial and its bad
 *                     files deleted, so the next pull fetches just those again
 */
public record VerifyReport(String weight, CacheState state, int filesChecked, int unverifiable, List<String> problems) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return state == CacheState.CACHED && problems.isEmpty();
    }
}
