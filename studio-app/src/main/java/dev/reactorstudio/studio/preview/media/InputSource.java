package dev.reactorstudio.studio.preview.media;

import dev.reactorstudio.runtime.manifest.TrackKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What feeds one declared input: a kind and, for a webcam, its device ({@code /dev/video0}), for a
 * file, its path. {@link Kind#NONE} feeds nothing.
 */
public record InputSource(Kind kind, String location) {

    /** The choices of a row, each for video or audio inputs. */
    public enum Kind {
        NONE("None", null),
        WEBCAM("Webcam", TrackKind.VIDEO),
        VIDEO_FILE("Video file", TrackKind.VIDEO),
        IMAGE("Image", TrackKind.VIDEO),
        AUDIO_FILE("Audio file", TrackKind.AUDIO),
        MICROPHONE("Microphone", TrackKind.AUDIO);

        private final String label;
        private final TrackKind track;

        Kind(String label, TrackKind track) {
            this.label = label;
            this.track = track;
        }

        public String label() {
            return label;
        }

        /** The kind of input it feeds; null for None, which fits both. */
        public TrackKind track() {
            return track;
        }

        /** Reads a file the author picks. */
        public boolean takesFile() {
            return this == VIDEO_FILE || this == IMAGE || this == AUDIO_FILE;
        }

        /** The kinds an input of {@code kind} offers, None first. */
        public static List<Kind> forTrack(TrackKind kind) {
            return java.util.Arrays.stream(values()).filter(k -> k.track == null || k.track == kind).toList();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static final InputSource NONE = new InputSource(Kind.NONE, null);

    public static InputSource webcam(String device) {
        return new InputSource(Kind.WEBCAM, device);
    }

    public static InputSource file(Kind kind, Path file) {
        return new InputSource(kind, file.toAbsolutePath().toString());
    }

    public static InputSource microphone() {
        return new InputSource(Kind.MICROPHONE, null);
    }

    /**
     * Why this source cannot feed now (checked when it is chosen, before any session asks for it):
     * no webcam on the machine, a file that is not there, no capture device. Empty when it can.
     */
    public Optional<String> problem() {
        return switch (kind) {
            case NONE -> Optional.empty();
            case WEBCAM -> location == null || !Files.exists(Path.of(location)) ? Optional.of(WebcamDevices.noneMessage(location))
                    : Optional.empty();
            case VIDEO_FILE, IMAGE, AUDIO_FILE -> location == null ? Optional.of("Choose a file (" + kind.label() + ")")
                    : !Files.isRegularFile(Path.of(location)) ? Optional.of("No such file: " + location)
                    : !Files.isReadable(Path.of(location)) ? Optional.of("Cannot read " + location + " (permission denied)")
                    : Optional.empty();
            case MICROPHONE -> MicrophonePump.problem();
        };
    }

    /** The short name the row's status shows: the file name, the device. */
    public String shortName() {
        if (location == null) {
            return kind.label();
        }
        Path path = Path.of(location).getFileName();
        return path == null ? location : path.toString();
    }
}
