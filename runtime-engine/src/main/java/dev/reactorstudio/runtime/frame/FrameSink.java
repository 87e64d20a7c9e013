package dev.reactorstudio.runtime.frame;

/**
 * Receives every frame the pacer releases, on the pacer thread. Implementations must return
 * quickly (hand the frame to their own thread if they do real work): a slow sink delays playout.
 */
@FunctionalInterface
public interface FrameSink {
    void onFrame(Frame frame);
}
