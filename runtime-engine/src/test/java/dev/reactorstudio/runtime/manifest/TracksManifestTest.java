package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracksManifestTest {
    private static final Path FOLDER = Path.of("models", "mirror");

    private static ManifestCheck check(String tracksJson) {
        return ManifestValidator.validate("""
                {
                  "reactor-runtime": "0.1.0",
                  "class": "mirror:Mirror",
                  "model_name": "mirror",
                  "model_version": "1.0.0",
                  "tracks": %s
                }
                """.formatted(tracksJson), FOLDER, Semver.parse("0.1.0"));
    }

    private static List<String> errors(ManifestCheck check) {
        return check.problems().stream().filter(ManifestProblem::isError)
                .map(p -> p.path() + ": " + p.message()).toList();
    }

    @Test
    void seedManifestWithoutTracksHasOneMainVideoOutputAndNoInputs() {
        Manifest manifest = ManifestValidator.validate(SeedManifest.TEXT, FOLDER).manifest().orElseThrow();
        assertThat(manifest.tracks()).isEqualTo(DeclaredTracks.DEFAULT);
        assertThat(manifest.tracks().videoOutput().orElseThrow().name()).isEqualTo("main_video");
        assertThat(manifest.tracks().inputs()).isEmpty();
        assertThat(manifest.tracks().audioOutput()).isEmpty();
        assertThat(TrackCapabilities.json(manifest.tracks()).toString())
                .isEqualTo("[{\"name\":\"main_video\",\"kind\":\"video\",\"direction\":\"recvonly\"}]");
    }

    @Test
    void declaredInputsAndOutputsAreReadAndListedWithTheSdkDirections() {
        ManifestCheck check = check("""
                {"inputs": [{"name": "webcam", "kind": "video"}, {"name": "mic", "kind": "audio"}],
                 "outputs": [{"name": "main_video", "kind": "video"}, {"name": "main_audio", "kind": "audio"}]}""");
        assertThat(errors(check)).isEmpty();
        DeclaredTracks tracks = check.manifest().orElseThrow().tracks();
        assertThat(tracks.inputs()).containsExactly(new TrackSpec("webcam", TrackKind.VIDEO),
                new TrackSpec("mic", TrackKind.AUDIO));
        assertThat(tracks.audioOutput()).contains(new TrackSpec("main_audio", TrackKind.AUDIO));
        assertThat(TrackCapabilities.json(tracks).toString()).isEqualTo("["
                + "{\"name\":\"main_video\",\"kind\":\"video\",\"direction\":\"recvonly\"},"
                + "{\"name\":\"main_audio\",\"kind\":\"audio\",\"direction\":\"recvonly\"},"
                + "{\"name\":\"webcam\",\"kind\":\"video\",\"direction\":\"sendonly\"},"
                + "{\"name\":\"mic\",\"kind\":\"audio\",\"direction\":\"sendonly\"}]");
    }

    @Test
    void declaringOnlyInputsKeepsTheDefaultVideoOutput() {
        DeclaredTracks tracks = check("{\"inputs\": [{\"name\": \"webcam\", \"kind\": \"video\"}]}")
                .manifest().orElseThrow().tracks();
        assertThat(tracks.outputs()).isEqualTo(DeclaredTracks.DEFAULT.outputs());
        assertThat(tracks.explicit()).isTrue();
    }

    @Test
    void badDeclarationsNameTheFieldAndTheFix() {
        assertThat(errors(check("[]"))).singleElement().asString()
                .startsWith("tracks: expected an object").contains("\"inputs\"");
        assertThat(errors(check("{\"inputs\": [{\"name\": \"webcam\", \"kind\": \"picture\"}]}"))).singleElement()
                .asString().isEqualTo("tracks.inputs[0].kind: \"picture\" is not a track kind — use \"video\" or \"audio\"");
        assertThat(errors(check("{\"inputs\": [{\"name\": \"Web Cam\", \"kind\": \"video\"}]}"))).singleElement()
                .asString().startsWith("tracks.inputs[0].name: \"Web Cam\" is not a track name").endsWith("\"web_cam\"");
        assertThat(errors(check("{\"inputs\": [{\"kind\": \"video\"}]}"))).singleElement()
                .asString().isEqualTo("tracks.inputs[0]: the track has no \"name\" — add one, e.g. \"name\": \"webcam\"");
        assertThat(errors(check("{\"inputs\": [{\"name\": \"main_video\", \"kind\": \"video\"}],"
                + " \"outputs\": [{\"name\": \"main_video\", \"kind\": \"video\"}]}"))).singleElement().asString()
                .startsWith("tracks.outputs[0].name: \"main_video\" is already declared at tracks.inputs[0].name");
        assertThat(errors(check("{\"outputs\": [{\"name\": \"a\", \"kind\": \"video\"}, {\"name\": \"b\", \"kind\": \"video\"}]}")))
                .singleElement().asString().startsWith("tracks.outputs[1]: a second video output");
        assertThat(errors(check("{\"outputs\": []}"))).singleElement().asString().startsWith("tracks.outputs: no outputs");
        assertThat(errors(check("{\"inputs\": {\"name\": \"webcam\"}}"))).singleElement().asString()
                .startsWith("tracks.inputs: expected an array of tracks");
    }

    @Test
    void problemsCarryTheLineOfTheBadValue() {
        ManifestProblem problem = check("{\"inputs\": [{\"name\": \"webcam\", \"kind\": \"picture\"}]}").problems().get(0);
        assertThat(problem.line()).isEqualTo(6);
    }

    @Test
    void writerKeepsDeclaredTracksAndAddsNoneToSeedManifests() {
        Manifest declared = check("{\"inputs\": [{\"name\": \"webcam\", \"kind\": \"video\"}]}").manifest().orElseThrow();
        String written = ManifestWriter.toJson(declared);
        assertThat(ManifestValidator.validate(written, FOLDER).manifest().orElseThrow().tracks())
                .isEqualTo(declared.tracks());
        Manifest seed = ManifestValidator.validate(SeedManifest.TEXT, FOLDER).manifest().orElseThrow();
        assertThat(ManifestWriter.toJson(seed)).doesNotContain("tracks");
    }
}
