package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.frame.Frame;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.SessionEvent;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A model folder hosted as the runtime hosts it, with everything it produces collected for assertions. */
final class HostedModel implements AutoCloseable {
    final ModelHost host;
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();

    HostedModel(Path folder, PythonOptions python) throws Exception {
        host = new ModelHost(folder, HostOptions.defaults().withOrphanTimeout(Duration.ZERO)
                .withStopGrace(Duration.ofSeconds(5)).withPython(python));
        host.load();
        SessionManager sessions = sessions();
        sessions.addFrameSink(frame -> {
            if (frames.size() < 2000) {
                frames.add(frame);
            }
        });
        sessions.addMessageSink((id, message) -> messages.add(message));
        sessions.addListener(events::add);
    }

    SessionManager sessions() {
        return host.sessions().orElseThrow();
    }

    PythonVideoModel python() {
        return (PythonVideoModel) host.model().orElseThrow().instance();
    }

    boolean hasMessage(String type) {
        return messages.stream().anyMatch(m -> type.equals(m.path("type").asText()));
    }

    /** The messages of {@code type} the model sent so far, oldest first. */
    List<ObjectNode> messages(String type) {
        return messages.stream().filter(m -> type.equals(m.path("type").asText())).toList();
    }

    /** The frame the model emitted last, if any yet. */
    Optional<Frame> newestFrame() {
        List<Frame> all = frames;
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public void close() {
        host.close();
    }
}
