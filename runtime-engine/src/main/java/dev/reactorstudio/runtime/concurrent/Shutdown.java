package dev.reactorstudio.runtime.concurrent;

/** Closing something made of parts, where a part that fails to close must not keep the others open. */
public final class Shutdown {
    private Shutdown() {
    }

    /**
     * Runs every step in order, also those after one that throws (a skipped step would keep a port, a
     * pool or native threads); then rethrows the first failure, the later ones added to it as suppressed.
     */
    public static void runAll(Runnable... steps) {
        RuntimeException first = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
