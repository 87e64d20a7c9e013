package dev.reactorstudio.runtime.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.frame.FrameSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Everything a session manager hands out: frames, messages and events, in arrival order. */
final class Recorder implements FrameSink, MessageSink, SessionListener {
    record Message(String sessionId, ObjectNode body) {}

    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<Message> messages = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    /** Frames received by the time each event arrived, index-aligned with {@link #events}. */
    final List<Integer> framesAtEvent = new CopyOnWriteArrayList<>();

    static Recorder attachTo(SessionManager manager) {
        Recorder recorder = new Recorder();
        manager.addFrameSink(recorder);
        manager.addMessageSink(recorder);
        manager.addListener(recorder);
        return recorder;
    }

    @Override
    public void onFrame(Frame frame) {
        frames.add(frame);
    }

    @Override
    public void onMessage(String sessionId, ObjectNode message) {
        messages.add(new Message(sessionId, message));
    }

    @Override
    public synchronized void onEvent(SessionEvent event) {
        framesAtEvent.add(frames.size());
        events.add(event);
    }

    int frameCount() {
        return frames.size();
    }

    List<Long> sequences() {
        return frames.stream().map(Frame::sequence).collect(Collectors.toList());
    }

    List<SessionEvent.Type> eventTypes(String sessionId) {
        return events.stream().filter(e -> e.sessionId().equals(sessionId)).map(SessionEvent::type)
                .collect(Collectors.toList());
    }
}
