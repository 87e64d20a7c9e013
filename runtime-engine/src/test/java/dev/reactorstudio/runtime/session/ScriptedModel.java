package dev.reactorstudio.runtime.session;

import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;

/** A real {@link VideoModel} whose session body each test supplies. */
final class ScriptedModel extends VideoModel {

    @FunctionalInterface
    interface Script {
        void run(SessionContext ctx) throws Exception;
    }

    private volatile Script script = ctx -> { };
    volatile boolean insideStartSession;

    ScriptedModel() {}

    ScriptedModel(Script script) {
        this.script = script;
    }

    void script(Script next) {
        this.script = next;
    }

    @Override
    public void startSession() throws Exception {
        insideStartSession = true;
        try {
            script.run(Reactor.ctx());
        } finally {
            insideStartSession = false;
        }
    }

    /** A body that emits tiny frames until asked to stop. */
    static Script generateUntilStopped() {
        return ctx -> {
            while (!ctx.shouldStop()) {
                ctx.emitBlock(Frames.tiny(0), 2, 2, 3);
                Thread.sleep(5);
            }
        };
    }
}
