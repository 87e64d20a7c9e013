package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.guard.ReplyBudget;
import dev.reactorstudio.runtime.media.CommandEnvelope;
import dev.reactorstudio.runtime.media.DataChannelBridge;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Tells one viewer why a frame it sent did nothing: a {@code runtime} {@code commandError}
 * envelope ({@code {"command", "message", "problems"}}, the shape the LiveKit path uses too; the
 * JS SDK re-emits it as a {@code runtimeMessage}). At most {@link #PER_SECOND} a second, so a
 * client flooding bad frames cannot make the server flood replies; the rest are only counted.
 * Thread-safe (refusals come from the peer's thread and the session's command thread).
 */
final class RefusalReplies {
    static final int PER_SECOND = ReplyBudget.REFUSALS_PER_SECOND;

    private final ReplyBudget budget;

    RefusalReplies() {
        this(System::nanoTime);
    }

    RefusalReplies(LongSupplier nanoClock) {
        this.budget = new ReplyBudget(PER_SECOND, nanoClock);
    }

    /** @param channel where to answer; null when there is none to answer on (the refusal is only logged by the caller) */
    void refuse(DataChannelBridge channel, String command, String message, List<String> problems) {
        if (channel == null || !admit()) {
            return;
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("command", command).put("message", message);
        problems.forEach(data.putArray("problems")::add);
        channel.send(CommandEnvelope.runtime("commandError", data));
    }

    /** Replies left unsent because of the rate limit. */
    long suppressed() {
        return budget.suppressed();
    }

    boolean admit() {
        return budget.admit();
    }
}
