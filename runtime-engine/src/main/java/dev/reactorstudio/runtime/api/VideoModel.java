package dev.reactorstudio.runtime.api;

import java.nio.file.Path;

/**
 * The thin wrapper a model author writes. The constructor does the heavy loading, once per
 * runtime; {@link #startSession()} runs one user's session and returns when it ends.
 *
 * <pre>{@code
 * public class MyModel extends VideoModel {
 *   public MyModel(Args args) { ... load weights: VideoModel.weights("MyWeights") ... }
 *   public void startSession() {
 *     while (!Reactor.ctx().shouldStop()) Reactor.ctx().emitBlock(render(), 480, 640, 3);
 *   }
 *   @Command(name = "set_speed") public void setSpeed(@Param(name = "speed", min = 0, max = 10) double s) { ... }
 * }
 * }</pre>
 */
public abstract class VideoModel {

    /**
     * Runs one session: generate frames with {@code Reactor.ctx().emitBlock(...)} until
     * {@code Reactor.ctx().shouldStop()} is true, then return. Put per-session cleanup in a
     * {@code finally}; an exception ends the session with an error, the runtime stays up.
     */
    public abstract void startSession() throws Exception;

    /**
     * The local folder holding the named weight (a name from the manifest's {@code weights}).
     * Resolution order: {@code REACTOR_WEIGHTS_<NAME>}, a local path, the model folder's
     * {@code weights/<name>}, then the registry cache.
     *
     * @throws IllegalStateException naming the weight and how to provide it when it cannot be found
     */
    public static Path weights(String name) {
        return RuntimeBinding.weights(name);
    }
}
