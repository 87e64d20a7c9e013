package dev.reactorstudio.runtime.api;

import ai.djl.ndarray.NDArray;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What a model can do inside a session: emit frames, send messages, notice a stop.
 *
 * <p>Frames are RGB. Raw arrays carry their shape explicitly: {@code (H, W, 3)} for one frame
 * or {@code (N, H, W, 3)} for a block of N. Emit as fast as you generate: the runtime paces
 * delivery and blocks {@code emitBlock} until it is time to generate the next block: a model
 * faster than its fps cap waits before computing, not with finished frames in a queue, so what it
 * shows is fresh.
 */
public interface SessionContext {

    /** Emits frames of uint8 RGB, shape {@code (H,W,3)} or {@code (N,H,W,3)}. */
    void emitBlock(byte[] rgb, int... shape);

    /** Emits frames of uint8 RGB read from {@code rgb}'s position to its limit. */
    void emitBlock(ByteBuffer rgb, int... shape);

    /** Emits frames of float RGB in 0..1, shape {@code (H,W,3)} or {@code (N,H,W,3)}. */
    void emitBlock(float[] rgb, int... shape);

    /**
     * Emits images as a block of frames. {@code emitBlock((BufferedImage) null)} emits one black
     * frame of the session's current frame size (a bare {@code emitBlock(null)} would be ambiguous
     * with {@link #emitBlock(NDArray)}).
     */
    void emitBlock(BufferedImage... frames);

    /**
     * Emits a DJL tensor as frames: uint8 in 0..255 or a floating type in 0..1, shape
     * {@code (H,W,3)} or {@code (N,H,W,3)}, on any device (a GPU tensor is converted there and
     * copied to the host once). The array is left as it was and stays the caller's to close; the
     * conversion's intermediates are freed before this returns. Other integer types are rejected:
     * say which range you mean with {@code toType(DataType.UINT8, false)} or a float scale.
     *
     * <p>Calling this loads the DJL engine the array came from; models that never pass an
     * {@code NDArray} never load it. For a black frame pass {@code (BufferedImage) null}.
     */
    void emitBlock(NDArray frames);

    /**
     * Drops the frames emitted so far that have not been shown yet. Call it when a command changes
     * what the model shows (a new palette, a new scene), so the viewer sees the change in the next
     * frame you emit instead of after the frames already queued. The next frame still comes at
     * most once per frame interval, so the video does not stutter; frames emitted after the call
     * are kept. Safe from command methods and threads the model starts.
     */
    void flush();

    /**
     * Chooses how emitted frames are released: {@link Pacing#SMOOTH} (even, buffered for the
     * model's jitter) or {@link Pacing#LATEST} (each frame at once, a newer one replaces an older one
     * still waiting). The default is {@code LATEST} when the manifest declares a video input,
     * {@code SMOOTH} otherwise. Takes effect from the next {@code emitBlock}; safe from any thread.
     */
    void setPacing(Pacing pacing);

    /** The pacing in effect (see {@link #setPacing}). */
    Pacing pacing();

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

    /**
     * The video input declared as {@code name} in the manifest's {@code tracks.inputs}. The same
     * object for the whole session; it waits (empty) until a client publishes the track.
     *
     * @throws IllegalArgumentException when no video input has that name (the message lists the declared ones)
     */
    InputTrack<InputFrame> videoInput(String name);

    /**
     * The audio input declared as {@code name}: 48 kHz 16-bit PCM chunks.
     *
     * @throws IllegalArgumentException when no audio input has that name
     */
    InputTrack<AudioFrame> audioInput(String name);

    /**
     * Plays PCM on the declared audio output: signed 16-bit samples, {@code channels} (1 or 2)
     * interleaved, any {@code sampleRate} from 8 to 192 kHz (resampled to 48 kHz). Audio is played
     * in step with the video the runtime releases: emit each frame's sound right after its
     * {@code emitBlock}, and both arrive together. Returns at once; audio more than 2 s ahead of
     * playback is dropped (oldest first).
     *
     * @throws IllegalStateException when the manifest declares no audio output
     */
    void emitAudio(short[] pcm, int sampleRate, int channels);

    /** As {@link #emitAudio(short[], int, int)} with float samples in -1..1 (clipped). */
    void emitAudio(float[] pcm, int sampleRate, int channels);
}
