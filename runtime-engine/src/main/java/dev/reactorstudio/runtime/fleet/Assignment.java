package dev.reactorstudio.runtime.fleet;

/** The head of a model's queue given to an idle runtime of that model; the runtime has not started it yet. */
public record Assignment(String sessionId, String runtimeId, String runtimeUrl, long createdMs) {
}
