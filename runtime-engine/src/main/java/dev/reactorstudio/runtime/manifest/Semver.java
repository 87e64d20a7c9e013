package dev.reactorstudio.runtime.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version as defined by semver.org 2.0.0: {@code MAJOR.MINOR.PATCH}, an optional
 * {@code -pre.release} and an optional {@code +build}.
 *
 * <p>{@link #compareTo} follows semver precedence and therefore ignores build metadata, while
 * {@link #equals} compares the whole text (like {@code BigDecimal}, ordering is not consistent
 * with equals: {@code 1.0.0+a} and {@code 1.0.0+b} are different values of equal precedence).
 */
public final class Semver implements Comparable<Semver> {

    // The regular expression recommended by semver.org, so "what is valid" is not our invention.
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final long major;
    private final long minor;
    private final long patch;
    private final String preRelease;
    private final String build;

    private Semver(long major, long minor, long patch, String preRelease, String build) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.preRelease = preRelease;
        this.build = build;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the text when it is not semver. */
    public static Semver parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
                "\"" + text + "\" is not a semantic version (MAJOR.MINOR.PATCH, e.g. \"1.0.0\")"));
    }

    /** Parses {@code text}; empty when it is null or not semver. */
    public static Optional<Semver> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SEMVER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Semver(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3)), Objects.toString(m.group(4), ""), Objects.toString(m.group(5), "")));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /**
     * The valid version an author most likely meant by {@code text} — {@code "1.0"} → {@code 1.0.0},
     * {@code "v2.1.3"} → {@code 2.1.3}, {@code "01.2.3"} → {@code 1.2.3} — or empty when there is no
     * plausible guess. Used to make "not semver" messages concrete.
     */
    public static Optional<Semver> suggestionFor(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("v") || t.startsWith("V") || t.startsWith("=")) {
            t = t.substring(1);
        }
        int suffixAt = firstIndexOf(t, '-', '+');
        String core = suffixAt < 0 ? t : t.substring(0, suffixAt);
        String suffix = suffixAt < 0 ? "" : t.substring(suffixAt);
        String[] parts = core.split("\\.", -1);
        if (parts.length > 3 || !List.of(parts).stream().allMatch(p -> DIGITS.matcher(p).matches())) {
            return Optional.empty();
        }
        StringBuilder fixed = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String part = i < parts.length ? parts[i].replaceFirst("^0+(?=\\d)", "") : "0";
            fixed.append(i == 0 ? "" : ".").append(part);
        }
        return tryParse(fixed + suffix).or(() -> tryParse(fixed.toString()));
    }

    private static int firstIndexOf(String s, char a, char b) {
        int ia = s.indexOf(a);
        int ib = s.indexOf(b);
        return ia < 0 ? ib : ib < 0 ? ia : Math.min(ia, ib);
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    /** The pre-release part without its {@code -}, or {@code ""}. */
    public String preRelease() {
        return preRelease;
    }

    /** The build metadata without its {@code +}, or {@code ""}. */
    public String build() {
        return build;
    }

    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    @Override
    public int compareTo(Semver other) {
        int c = Long.compare(major, other.major);
        if (c == 0) c = Long.compare(minor, other.minor);
        if (c == 0) c = Long.compare(patch, other.patch);
        return c != 0 ? c : comparePreRelease(preRelease, other.preRelease);
    }

    // semver.org §11: a release outranks its pre-releases; identifiers compare field by field,
    // numeric ones numerically and below alphanumeric ones; a longer list wins a tie.
    private static int comparePreRelease(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = compareIdentifier(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean an = DIGITS.matcher(a).matches();
        boolean bn = DIGITS.matcher(b).matches();
        if (an && bn) {
            // No leading zeros are allowed, so length then text orders numbers of any size.
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        return an != bn ? (an ? -1 : 1) : a.compareTo(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Semver s && major == s.major && minor == s.minor && patch == s.patch
                && preRelease.equals(s.preRelease) && build.equals(s.build);
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, preRelease, build);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease)
                + (build.isEmpty() ? "" : "+" + build);
    }
}
