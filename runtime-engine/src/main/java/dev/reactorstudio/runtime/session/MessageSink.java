package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Receives every message a model {@code send()}s, already converted to JSON. Called on the
 * model's thread: return quickly (queue the message if delivery can block).
 */
@FunctionalInterface
public interface MessageSink {
    void onMessage(String sessionId, ObjectNode message);
}
