package dev.reactorstudio.studio.preview.media;

/**
 * The loudness of a stretch of sound: RMS and peak as fractions of full scale (0..1), and on the
 * meter's dB scale ({@value #FLOOR_DB} dBFS = 0, 0 dBFS = 1).
 */
public record AudioLevel(double rms, double peak) {
    public static final double FLOOR_DB = -60;
    public static final AudioLevel SILENCE = new AudioLevel(0, 0);

    /** {@code value} (0..1 of full scale) as a position on the meter, 0..1. */
    public static double meterPosition(double value) {
        if (value <= 0) {
            return 0;
        }
        double db = 20 * Math.log10(value);
        return Math.max(0, Math.min(1, (db - FLOOR_DB) / -FLOOR_DB));
    }

    public static String decibels(double value) {
        return value <= 0 ? "−∞ dB" : String.format("%.0f dB", 20 * Math.log10(value)).replace('-', '−');
    }
}
