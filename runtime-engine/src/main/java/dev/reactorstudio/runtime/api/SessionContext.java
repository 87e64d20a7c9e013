package dev.reactorstudio.runtime.api;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What a model can do inside a session: emit frames, send messages, notice a stop.
 *
 * <p>Frames are RGB. Raw arrays carry their shape explicitly: {@code (H, W, 3)} for one frame
 * or {@code (N, H, W, 3)} for a block of N. Emit as fast as you generate: the runtime paces
 * delivery and blocks {@code emitBlock} when its buffer is full.
 */
public interface SessionContext {

    /** Emits frames of uint8 RGB, shape {@code (H,W,3)} or {@code (N,H,W,3)}. */
    void emitBlock(byte[] rgb, int... shape);

    /** Emits frames of uint8 RGB read from {@code rgb}'s position to its limit. */
    void emitBlock(ByteBuffer rgb, int... shape);

    /** Emits frames of float RGB in 0..1, shape {@code (H,W,3)} or {@code (N,H,W,3)}. */
    void emitBlock(float[] rgb, int... shape);

    /**
     * Emits images as a block of frames. {@code emitBlock(null)} emits one black frame of the
     * session's current frame size.
     */
    void emitBlock(BufferedImage... frames);

    /** Sends a JSON message to every client of the session (the frontend gets it verbatim). */
    void send(Map<String, ?> message);

    /** True once the session should end: stop requested, client gone or runtime shutting down. */
    boolean shouldStop();

    /** Tells the pacer a pause in emission is deliberate, so it does not lower the frame rate. */
    void disableMonitoring();

    /** Resumes measuring the generation rate after {@link #disableMonitoring()}. */
    void enableMonitoring();

    /** The id of this session. */
    String sessionId();
}
