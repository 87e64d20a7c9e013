package dev.reactorstudio.runtime.upload;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a client's file name into one that is safe to create in a folder we own: the last path
 * segment only (no {@code ..}, no separators of either platform), no control or shell-special
 * characters, no leading dot (hidden files), no reserved Windows device names, at most 120
 * characters with the extension kept (decoders look at it). Never empty.
 */
public final class SafeFileName {
    static final int MAX_LENGTH = 120;
    private static final String FALLBACK = "upload";
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private SafeFileName() {
    }

    public static String of(String clientName) {
        if (clientName == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(clientName, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        StringBuilder safe = new StringBuilder(name.length());
        name.codePoints().forEach(c -> safe.appendCodePoint(allowed(c) ? c : '_'));
        String cleaned = safe.toString().strip().replaceAll("^[.\\s_]+", "").replaceAll("[.\\s]+$", "");
        if (cleaned.isEmpty()) {
            return FALLBACK;
        }
        String stem = cleaned.contains(".") ? cleaned.substring(0, cleaned.indexOf('.')) : cleaned;
        if (WINDOWS_DEVICES.contains(stem.toLowerCase(Locale.ROOT))) {
            cleaned = "_" + cleaned;
        }
        return shorten(cleaned);
    }

    private static boolean allowed(int c) {
        if (Character.isISOControl(c) || c == 0x7f) {
            return false;
        }
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == ' ' || c == '(' || c == ')';
    }

    private static String shorten(String name) {
        if (name.codePointCount(0, name.length()) <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = extension.isEmpty() ? name : name.substring(0, dot);
        int keep = MAX_LENGTH - extension.length();
        return stem.substring(0, stem.offsetByCodePoints(0, keep)) + extension;
    }
}
