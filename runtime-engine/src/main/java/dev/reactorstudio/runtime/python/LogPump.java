package dev.reactorstudio.runtime.python;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one output stream of a Python child (its stdout or stderr) to the runtime log, line by
 * line, under the logger {@code python.<model>} so the studio's Log view and {@code reactor run}
 * show model prints tagged with the model. Keeps the last lines for error reports: when the
 * interpreter dies before it can say why over the channel, its stderr usually does.
 */
final class LogPump {
    private static final int KEPT_LINES = 40;

    private final Thread thread;
    private final Deque<String> tail = new ArrayDeque<>();

    LogPump(InputStream stream, String modelName, String streamName, long pid) {
        Logger log = LoggerFactory.getLogger("python." + modelName + (streamName.equals("stderr") ? ".stderr" : ""));
        this.thread = new Thread(() -> pump(stream, log), "reactor-python-" + streamName + "-" + pid);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void pump(InputStream stream, Logger log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                log.info("{}", line);
                synchronized (tail) {
                    if (tail.size() == KEPT_LINES) {
                        tail.removeFirst();
                    }
                    tail.addLast(line);
                }
            }
        } catch (IOException e) {
            // The stream closes when the process ends; nothing is lost that the log could still show.
        }
    }

    /** Waits briefly for the stream to end (the process exited), so {@link #tail()} is complete. */
    void awaitEnd(long millis) throws InterruptedException {
        thread.join(millis);
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
