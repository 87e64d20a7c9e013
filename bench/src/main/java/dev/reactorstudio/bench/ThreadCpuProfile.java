package dev.reactorstudio.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time per thread of this JVM (native libwebrtc threads included) and of every process it
 * starts (the headless browser), from Linux's /proc, sampled every second while open: where the
 * cores went during a run. Threads are grouped by process and thread name, digits dropped, so
 * pools add up ("java/WebRTC-encoder", "chrome/ThreadPoolForeg").
 */
final class ThreadCpuProfile implements AutoCloseable {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final Map<String, long[]> firstAndLast = new ConcurrentHashMap<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean open = true;

    private ThreadCpuProfile() {
        sample(true);
        sampler = new Thread(() -> {
            while (open) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "bench-cpu-profile");
        sampler.setDaemon(true);
        sampler.start();
    }

    static ThreadCpuProfile start() {
        return new ThreadCpuProfile();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        sampler.interrupt();
        sampler.join();
        sample(false);
    }

    /** CPU seconds per thread group, largest first. */
    List<Map.Entry<String, Double>> secondsByGroup() {
        Map<String, Double> groups = new HashMap<>();
        firstAndLast.forEach((task, ticks) ->
                groups.merge(names.get(task), (ticks[1] - ticks[0]) / TICKS_PER_SECOND, Double::sum));
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(groups.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return sorted;
    }

    /** CPU seconds of one thread group ("java/EncoderQueue"), 0 when no such thread ran. */
    double seconds(String group) {
        return secondsByGroup().stream().filter(e -> e.getKey().equals(group)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** One line: the {@code top} groups in milliseconds of CPU per {@code frames}, and the total. */
    String perFrame(long frames, int top) {
        List<Map.Entry<String, Double>> groups = secondsByGroup();
        double total = groups.stream().mapToDouble(Map.Entry::getValue).sum();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.1f ms total", total * 1000 / frames));
        for (Map.Entry<String, Double> group : groups.subList(0, Math.min(top, groups.size()))) {
            line.append(String.format(Locale.ROOT, ", %s %.1f", group.getKey(), group.getValue() * 1000 / frames));
        }
        return line.toString();
    }

    private void sample(boolean baseline) {
        List<ProcessHandle> processes = new ArrayList<>();
        processes.add(ProcessHandle.current());
        try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
            children.forEach(processes::add);
        }
        for (ProcessHandle process : processes) {
            Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
            String processName = read(tasks.getParent().resolve("comm"));
            try (Stream<Path> list = Files.list(tasks)) {
                list.forEach(task -> {
                    long ticks = ticks(read(task.resolve("stat")));
                    if (ticks < 0) {
                        return;
                    }
                    String key = process.pid() + "/" + task.getFileName();
                    names.putIfAbsent(key, processName + "/" + read(task.resolve("comm")).replaceAll("[0-9]+", "#"));
                    firstAndLast.compute(key, (k, seen) -> seen == null
                            ? new long[] {baseline ? ticks : 0, ticks}
                            : new long[] {seen[0], Math.max(seen[1], ticks)});
                });
            } catch (IOException | RuntimeException gone) {
                // The process ended between listing and reading: its last sample stands.
            }
        }
    }

    /** utime + stime of a /proc stat line, -1 if unreadable. */
    private static long ticks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return -1;
        }
        String[] fields = stat.substring(end + 2).split(" ");
        return fields.length > 12 ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}
