package dev.reactorstudio.runtime.cli;

import java.time.Duration;
import picocli.CommandLine;

/** {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, or plain seconds. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (v.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration d = switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> null;
            };
            if (d != null && !d.isZero() && !d.isNegative()) {
                return d;
            }
        } catch (NumberFormatException | ArithmeticException | IndexOutOfBoundsException e) {
            // not a number, too large for a Duration, or empty: refused below with the form
        }
        throw new CommandLine.TypeConversionException("\"" + value + "\" is not a duration: use e.g. 90s, 15m, 1h, 2d");
    }
}
