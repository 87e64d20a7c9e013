package dev.reactorstudio.runtime.livekit;

import java.nio.ByteBuffer;

/** The WebSocket of one signal session, as the session needs it (the server adapts Javalin's context). */
interface SignalChannel {
    /** Queues one binary frame; frames go out in call order. */
    void send(ByteBuffer frame);

    void close(int code, String reason);
}
