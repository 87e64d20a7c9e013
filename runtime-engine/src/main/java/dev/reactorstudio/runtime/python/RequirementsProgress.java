package dev.reactorstudio.runtime.python;

/**
 * Where preparing a Python model's requirements stands: creating its virtual environment, then
 * pip going through the requirements (each "Collecting" or "already satisfied" line is one done).
 *
 * @param phase   what is happening
 * @param done    requirements pip has resolved so far
 * @param total   requirements in {@code requirements.txt} (lines that name a package)
 * @param current the package pip is on, or the environment's folder; empty when none
 */
public record RequirementsProgress(Phase phase, int done, int total, String current) {

    /** The steps, in order; {@link #READY}, {@link #FAILED} and {@link #STOPPED} end it. */
    public enum Phase { CREATING_ENVIRONMENT, INSTALLING, READY, FAILED, STOPPED }

    public RequirementsProgress {
        current = current == null ? "" : current;
    }

    /** 0..1: creating the environment counts as the first tenth. */
    public double fraction() {
        return switch (phase) {
            case CREATING_ENVIRONMENT -> 0;
            case INSTALLING -> 0.1 + 0.9 * (total == 0 ? 0 : Math.min(done, total) / (double) total);
            case READY, FAILED, STOPPED -> 1;
        };
    }

    public boolean finished() {
        return phase == Phase.READY || phase == Phase.FAILED || phase == Phase.STOPPED;
    }

    /** E.g. {@code installing requirements 2/5: numpy}. */
    public String text() {
        return switch (phase) {
            case CREATING_ENVIRONMENT -> "creating a virtual environment for requirements.txt";
            case INSTALLING -> "installing requirements " + Math.min(done, total) + "/" + total
                    + (current.isEmpty() ? "" : ": " + current);
            case READY -> "requirements installed";
            case FAILED -> "installing requirements failed";
            case STOPPED -> "installing requirements stopped";
        };
    }

    /** Receives progress on the loading thread; return quickly. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> {};

        void onProgress(RequirementsProgress progress);

        /**
         * Asked several times a second while the environment is made: {@code true} stops it — pip's
         * whole process tree is killed and the half-made environment deleted (the next run makes it
         * afresh). Any thread.
         */
        default boolean stopRequested() {
            return false;
        }
    }
}
