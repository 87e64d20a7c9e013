package dev.reactorstudio.runtime.registry;

import java.util.Locale;

/** Sizes as people read them: decimal units (as disks and S3 consoles show them), one decimal. */
public final class ByteSizes {
    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};

    private ByteSizes() {}

    public static String format(long bytes) {
        return format((double) bytes); // exact to 2^53 bytes (9 PB), beyond anything one decimal shows
    }

    public static String format(double bytes) {
        int unit = 0;
        double value = bytes;
        while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", value) : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 3.2/10.0 GB}: both in the total's unit so the numbers line up. */
    public static String fraction(long done, long total) {
        int unit = 0;
        double scale = 1;
        while (total / scale >= 1000 && unit < UNITS.length - 1) {
            scale *= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f/%.0f %s" : "%.1f/%.1f %s", done / scale, total / scale, UNITS[unit]);
    }
}
