package dev.reactorstudio.runtime.registry;

/** Where a weight's pull stands. */
public enum PullPhase {
    QUEUED,
    LISTING,
    /** Another process (or pull) holds the weight's lock; we wait and then find it complete. */
    WAITING_FOR_LOCK,
    DOWNLOADING,
    COMPLETE,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == COMPLETE || this == FAILED || this == CANCELLED;
    }
}
