package dev.reactorstudio.runtime.manifest;

import java.util.Locale;
import java.util.Optional;

/** What a declared track carries; the wire name is the JS SDK's {@code kind}. */
public enum TrackKind {
    VIDEO, AUDIO;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<TrackKind> parse(String text) {
        for (TrackKind kind : values()) {
            if (kind.wireName().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
