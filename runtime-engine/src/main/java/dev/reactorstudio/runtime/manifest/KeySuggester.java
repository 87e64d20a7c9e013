package dev.reactorstudio.runtime.manifest;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Finds the known key an unknown one was probably meant to be ({@code model-name} → {@code model_name}). */
final class KeySuggester {

    private KeySuggester() {
    }

    /** The closest of {@code known} to {@code typed}, when close enough to be a likely typo. */
    static Optional<String> closest(String typed, Collection<String> known) {
        String t = normalize(typed);
        return known.stream()
                .filter(k -> isClose(t, normalize(k)))
                // A key containing the typed one (or vice versa) beats a mere small edit distance.
                .min(Comparator.comparing((String k) -> !contains(t, normalize(k)))
                        .thenComparingInt(k -> distance(t, normalize(k))));
    }

    private static boolean isClose(String typed, String key) {
        int allowed = Math.max(1, Math.min(3, key.length() / 3));
        return distance(typed, key) <= allowed || contains(typed, key);
    }

    private static boolean contains(String a, String b) {
        return Math.min(a.length(), b.length()) >= 4 && (a.contains(b) || b.contains(a));
    }

    // Case, '-' versus '_' and spaces are the usual slips; they should not count as differences.
    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace('-', '_').replace(" ", "");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
