package dev.reactorstudio.runtime.manifest;

import java.util.Objects;

/**
 * One declared track: its name (what clients publish or subscribe to, e.g. {@code webcam} or
 * {@code main_video}) and its kind.
 */
public record TrackSpec(String name, TrackKind kind) {
    public TrackSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean isVideo() {
        return kind == TrackKind.VIDEO;
    }

    public boolean isAudio() {
        return kind == TrackKind.AUDIO;
    }
}
