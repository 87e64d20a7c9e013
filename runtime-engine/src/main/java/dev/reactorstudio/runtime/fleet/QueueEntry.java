package dev.reactorstudio.runtime.fleet;

/** A waiting session and its place in its model's queue (1 = next). */
public record QueueEntry(String sessionId, String model, long position, long createdMs) {
}
