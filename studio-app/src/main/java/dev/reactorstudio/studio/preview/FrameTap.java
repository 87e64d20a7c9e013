package dev.reactorstudio.studio.preview;

import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameSink;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The preview's frame sink. Runs on the pacer thread, so it only keeps a reference to the newest
 * frame (frames are immutable and shared) and hands it to the recorder when one is on; the
 * painter picks the newest frame up once per pulse, so frames coalesce instead of queueing.
 */
public final class FrameTap implements FrameSink {
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private volatile FrameSink forward;

    @Override
    public void onFrame(Frame frame) {
        latest.set(frame);
        FrameSink next = forward;
        if (next != null) {
            next.onFrame(frame);
        }
    }

    public Optional<Frame> latest() {
        return Optional.ofNullable(latest.get());
    }

    Frame latestOrNull() {
        return latest.get();
    }

    /** Also feeds every frame to {@code sink} (the recorder); null stops forwarding. */
    public void forwardTo(FrameSink sink) {
        forward = sink;
    }
}
