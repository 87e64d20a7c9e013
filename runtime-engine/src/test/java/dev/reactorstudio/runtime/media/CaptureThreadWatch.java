package dev.reactorstudio.runtime.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Watches this JVM's native threads (Linux {@code /proc/self/task}) for the headless audio module's
 * capture thread ({@code webrtc_audio_module_capture_thread}, shown truncated) and records whether
 * each one started while the engine's capture fence was up. A start the engine did not fence is
 * the race {@link AudioModule} exists to prevent: libwebrtc starting capture while Java may stop it.
 *
 * <p>Polls every millisecond. A start seen after a poll gap longer than {@link #MAX_GAP_NANOS} (this
 * thread starved on a loaded machine) is not judged: the fence may have dropped in between.
 */
public final class CaptureThreadWatch implements AutoCloseable {
    private static final String CAPTURE_THREAD = "webrtc_audio_mo";
    private static final long MAX_GAP_NANOS = 30_000_000L;
    /** A thread starts with its creator's name and sets its own soon after; polls to wait for that. */
    private static final int RENAME_POLLS = 20;

    private final BooleanSupplier fenced;
    private final Thread thread;
    private final Set<String> seen = new HashSet<>();
    /** Threads seen under another name, read again for a few polls: a new thread names itself after it starts. */
    private final Map<String, Integer> unnamed = new HashMap<>();
    private final List<String> unfenced = new ArrayList<>();
    private int fencedStarts;
    private int unjudged;
    private volatile boolean running = true;

    private CaptureThreadWatch(BooleanSupplier fenced) {
        this.fenced = fenced;
        this.thread = new Thread(this::watch, "capture-thread-watch");
        this.thread.setDaemon(true);
    }

    /** Starts watching; threads alive now count as seen. */
    public static CaptureThreadWatch start(MediaEngine media) {
        CaptureThreadWatch watch = new CaptureThreadWatch(media::audioCaptureFenced);
        watch.newCaptureThreads();
        watch.thread.start();
        return watch;
    }

    private void watch() {
        long lastPoll = System.nanoTime();
        while (running) {
            List<String> started = newCaptureThreads();
            long now = System.nanoTime();
            if (!started.isEmpty()) {
                boolean judged = now - lastPoll <= MAX_GAP_NANOS;
                boolean wasFenced = fenced.getAsBoolean();
                synchronized (this) {
                    for (String tid : started) {
                        if (!judged) {
                            unjudged++;
                        } else if (wasFenced) {
                            fencedStarts++;
                        } else {
                            unfenced.add(tid);
                        }
                    }
                }
            }
            lastPoll = now;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private List<String> newCaptureThreads() {
        List<String> started = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String tid = task.getFileName().toString();
                boolean fresh = seen.add(tid);
                if (!fresh && !unnamed.containsKey(tid)) {
                    continue;
                }
                if (comm(task).startsWith(CAPTURE_THREAD)) {
                    unnamed.remove(tid);
                    started.add(tid);
                } else if (unnamed.merge(tid, 1, Integer::sum) > RENAME_POLLS) {
                    unnamed.remove(tid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/task", e);
        }
        return started;
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return ""; // the thread ended in between
        }
    }

    /** Capture threads that started while the fence was up. */
    public synchronized int fencedStarts() {
        return fencedStarts;
    }

    /** Thread ids of capture threads that started while the fence was down: each one is a defect. */
    public synchronized List<String> unfencedStarts() {
        return List.copyOf(unfenced);
    }

    /** Starts seen too late to judge. */
    public synchronized int unjudgedStarts() {
        return unjudged;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
