package dev.reactorstudio.runtime.api;

/**
 * How the runtime releases the frames a model emits ({@link SessionContext#setPacing}).
 *
 * <p>The default follows the manifest: a model that declares a video input (it renders what the
 * user sends, such as a webcam mirror or a live filter) starts with {@link #LATEST}; every other
 * model with {@link #SMOOTH}.
 */
public enum Pacing {
    /**
     * For generative models: frames are released evenly at the measured generation rate (capped by
     * {@code args.fps}), a short queue absorbs the model's jitter (blocks of several frames play out
     * spread over their time), and a model ahead of its cap is held in {@code emitBlock} until just
     * in time to generate the next block.
     */
    SMOOTH,
    /**
     * For input-driven models: each frame is released as soon as it is emitted — at most at the
     * {@code args.fps} cap — and a newer frame replaces one still waiting, so what the viewer sees
     * is never older than the model's newest output. The model is not held back; its pace is its
     * input's. Frames it emits faster than the cap are dropped (counted in the stats), not queued.
     */
    LATEST
}
