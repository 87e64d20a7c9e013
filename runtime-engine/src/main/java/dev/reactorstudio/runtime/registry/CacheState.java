package dev.reactorstudio.runtime.registry;

/** A weight's local state: complete (has its completion record), started, or absent. */
public enum CacheState {
    CACHED, PARTIAL, MISSING
}
