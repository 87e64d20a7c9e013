package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.python.RequirementsProgress;
import java.io.PrintWriter;

/**
 * {@code reactor run}'s bar while a Python model's requirements install, e.g.
 * {@code [##########..............]  46%  installing requirements 2/4: numpy}. Redrawn with
 * {@code \r} on a terminal; elsewhere (CI logs) each new step is one plain line.
 */
final class RequirementsBar implements RequirementsProgress.Listener {
    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean terminal;
    private String last = "";
    private int lastLength;

    RequirementsBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onProgress(RequirementsProgress progress) {
        String line = line(progress);
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
            lastLength = line.length();
            out.print("\r" + padded + (progress.finished() ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String line(RequirementsProgress progress) {
        int filled = (int) Math.round(progress.fraction() * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", (int) Math.round(progress.fraction() * 100)) + "  " + progress.text();
    }
}
