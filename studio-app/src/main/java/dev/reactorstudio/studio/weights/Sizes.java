package dev.reactorstudio.studio.weights;

/** Bytes and seconds in the words a progress line uses: {@code 1.4 GB}, {@code 3 min 20 s}. */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
