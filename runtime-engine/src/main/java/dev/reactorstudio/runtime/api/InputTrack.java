package dev.reactorstudio.runtime.api;

import java.time.Duration;

/**
 * A track a client publishes to the model (a webcam, a microphone), as declared in the manifest's
 * {@code tracks.inputs}. Frames wait in a small buffer: {@link #next} reads them in order (audio:
 * nothing is skipped unless you fall a second behind), {@link #latest} jumps to the newest (video:
 * always work on the freshest picture). Both are safe from any thread.
 *
 * <pre>{@code
 * InputTrack<InputFrame> webcam = Reactor.ctx().videoInput("webcam");
 * while (!ctx.shouldStop()) {
 *     InputFrame f = webcam.latest();          // null until the client publishes
 *     ctx.emitBlock(f == null ? null : process(f.rgb()), f.height(), f.width(), 3);
 * }
 * }</pre>
 *
 * @param <T> {@link InputFrame} for video, {@link AudioFrame} for audio
 */
public interface InputTrack<T> {

    /** The declared name, e.g. {@code "webcam"}. */
    String name();

    /**
     * The newest frame, without waiting; null before the first one arrived. Frames older than it are
     * dropped unread (so a later {@link #next} returns only frames newer than this one). After the
     * client stopped publishing it keeps returning the last frame — check {@link #isLive()}.
     */
    T latest();

    /**
     * The next unread frame, waiting up to {@code timeout}. Returns null when none arrived in time,
     * when the client stopped publishing (see {@link #isLive()}) or when the session is stopping — it
     * never hangs past a stop.
     */
    T next(Duration timeout) throws InterruptedException;

    /** True while a client publishes this track (between its publish and its unpublish or disconnect). */
    boolean isLive();

    /** Frames received this session (audio: 10 ms chunks), including ones dropped unread. */
    long received();
}
