package dev.reactorstudio.runtime.frame;

/**
 * One RGB video frame as it leaves the pacer: packed {@code width*height*3} bytes, row-major.
 * The pixel array is shared by every sink and must not be modified.
 *
 * @param sessionId     the session that emitted it
 * @param sequence      0-based index within the session
 * @param emittedNanos  {@link System#nanoTime()} when the model handed it to {@code emitBlock}
 * @param releasedNanos {@link System#nanoTime()} when the pacer released it to sinks
 */
public record Frame(String sessionId, long sequence, int width, int height, byte[] rgb,
                    long emittedNanos, long releasedNanos) {

    public Frame {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("frame data has " + rgb.length + " bytes, expected "
                    + width + "*" + height + "*3");
        }
    }

    /** Same pixels, stamped with its release time. */
    public Frame released(long sequence, long releasedNanos) {
        return new Frame(sessionId, sequence, width, height, rgb, emittedNanos, releasedNanos);
    }
}
