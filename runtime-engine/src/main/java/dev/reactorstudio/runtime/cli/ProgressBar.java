package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.registry.ProgressText;
import dev.reactorstudio.runtime.registry.PullProgress;
import dev.reactorstudio.runtime.registry.PullProgressListener;
import dev.reactorstudio.runtime.registry.WeightProgress;
import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn with {@code \r} on a terminal, e.g.
 * {@code [##########..........]  48%  LongLive 4.8/10.0 GB (120.0 MB/s, ETA 43 s)}. When output is
 * not a terminal (CI logs) it prints a plain line every 5 s instead, so logs stay readable.
 */
final class ProgressBar implements PullProgressListener {
    private static final int WIDTH = 24;
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastPlain;
    private int lastLength;

    ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onProgress(PullProgress progress) {
        String line = line(progress);
        if (terminal) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            lastLength = line.length();
            out.print("\r" + padded + (progress.finished() ? "\n" : ""));
            out.flush();
        } else if (progress.finished() || System.nanoTime() - lastPlain > PLAIN_EVERY_NANOS) {
            lastPlain = System.nanoTime();
            out.println(line);
            out.flush();
        }
    }

    static String line(PullProgress progress) {
        double fraction = progress.overall().fraction();
        int filled = (int) Math.round(fraction * WIDTH);
        WeightProgress current = progress.weights().stream().filter(w -> !w.phase().finished()).findFirst()
                .orElse(progress.weights().get(progress.weights().size() - 1));
        String what = progress.weights().size() == 1 ? ProgressText.of(current)
                : current.weight() + " — all " + ProgressText.figures(progress.overall());
        String file = current.phase().finished() ? "" : current.currentFile().map(f -> "  " + f).orElse("");
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format("%3d%%", (int) (fraction * 100))
                + "  " + what + file;
    }
}
