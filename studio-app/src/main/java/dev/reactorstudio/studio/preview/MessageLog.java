package dev.reactorstudio.studio.preview;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.session.MessageSink;
import dev.reactorstudio.studio.common.BoundedList;
import dev.reactorstudio.studio.common.FxBatcher;
import javafx.collections.ObservableList;

/**
 * The model's messages as the Messages tool window lists them. Receives on the model's thread
 * (formatting there, so the FX thread only appends) and keeps the newest {@value #KEEP}.
 */
public final class MessageLog implements MessageSink {
    private static final int KEEP = 2_000;

    private final BoundedList<MessageEntry> entries = new BoundedList<>(KEEP);
    private final FxBatcher<MessageEntry> batcher = new FxBatcher<>(KEEP, entries::addAll);

    @Override
    public void onMessage(String sessionId, ObjectNode message) {
        batcher.offer(MessageEntry.of(sessionId, message));
    }

    public ObservableList<MessageEntry> entries() {
        return entries.items();
    }

    public void clear() {
        entries.clear();
    }
}
