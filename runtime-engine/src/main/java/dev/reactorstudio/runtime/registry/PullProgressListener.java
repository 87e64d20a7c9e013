package dev.reactorstudio.runtime.registry;

/**
 * Receives pull progress about ten times a second, plus one final event with {@code finished} set.
 * Called on the pull's progress thread, never concurrently; a slow listener delays only later
 * events, never the download. Exceptions it throws are logged and ignored.
 */
@FunctionalInterface
public interface PullProgressListener {
    PullProgressListener NONE = progress -> {};

    void onProgress(PullProgress progress);
}
