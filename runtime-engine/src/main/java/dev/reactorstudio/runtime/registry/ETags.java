package dev.reactorstudio.runtime.registry;

/** S3 wraps ETags in quotes; we store and compare them bare and quote them again for If-Match. */
final class ETags {
    private ETags() {}

    static String strip(String eTag) {
        if (eTag == null) {
            return "";
        }
        String s = eTag.strip();
        if (s.startsWith("W/")) {
            s = s.substring(2);
        }
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    static String quoted(String bare) {
        return "\"" + bare + "\"";
    }
}
