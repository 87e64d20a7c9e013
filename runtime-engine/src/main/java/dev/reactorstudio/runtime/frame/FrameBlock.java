package dev.reactorstudio.runtime.frame;

import java.util.List;

/** One {@code emitBlock} call's worth of frames, all of one size, as packed RGB. */
public record FrameBlock(int width, int height, List<byte[]> frames) {

    public FrameBlock {
        frames = List.copyOf(frames);
    }

    public int size() {
        return frames.size();
    }

    /** One black frame of the given size. */
    public static FrameBlock black(int width, int height) {
        return new FrameBlock(width, height, List.of(new byte[width * height * 3]));
    }
}
