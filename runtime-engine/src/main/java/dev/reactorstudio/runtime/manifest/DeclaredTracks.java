package dev.reactorstudio.runtime.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifest's {@code tracks}: what the model takes from clients ({@code inputs}: a webcam, a
 * microphone) and what it sends them ({@code outputs}). A manifest without {@code tracks} — every
 * seed manifest — has one video output, {@code main_video}, and no inputs. The validator allows at
 * most one video and one audio output: {@code emitBlock} feeds the one, {@code emitAudio} the other.
 *
 * @param explicit true when the manifest declared them (a writer keeps the key only then)
 */
public record DeclaredTracks(List<TrackSpec> inputs, List<TrackSpec> outputs, boolean explicit) {

    /** The seed's implicit declaration: one video output the JS SDK's {@code ReactorView} renders. */
    public static final String DEFAULT_VIDEO_OUTPUT = "main_video";

    public static final DeclaredTracks DEFAULT = new DeclaredTracks(List.of(),
            List.of(new TrackSpec(DEFAULT_VIDEO_OUTPUT, TrackKind.VIDEO)), false);

    public DeclaredTracks {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public Optional<TrackSpec> videoOutput() {
        return outputs.stream().filter(TrackSpec::isVideo).findFirst();
    }

    public Optional<TrackSpec> audioOutput() {
        return outputs.stream().filter(TrackSpec::isAudio).findFirst();
    }

    public Optional<TrackSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Inputs and outputs, outputs first: the order capabilities list them in. */
    public List<TrackSpec> all() {
        List<TrackSpec> all = new ArrayList<>(outputs);
        all.addAll(inputs);
        return all;
    }

    /** True for an input (client → model), false for an output. */
    public boolean isInput(TrackSpec track) {
        return inputs.contains(track);
    }
}
