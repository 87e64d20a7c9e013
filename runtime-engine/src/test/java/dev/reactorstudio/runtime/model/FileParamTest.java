package dev.reactorstudio.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.api.VideoModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code @Param UploadedFile}: its schema, and calls that carry (or wrongly carry) files. */
class FileParamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UploadedFile PNG = new UploadedFile(Path.of("/tmp/u/a.png"), "a.png", "image/png", 3);

    public static class OverlayModel extends VideoModel {
        final List<String> calls = new ArrayList<>();

        @Override
        public void startSession() {}

        @Command(name = "set_overlay", description = "Overlays an image")
        public void setOverlay(@Param(description = "the image") UploadedFile image,
                               @Param(min = 0, max = 1, defaultValue = "0.5") double opacity,
                               @Param(required = false) UploadedFile mask) {
            calls.add(image.name() + " " + opacity + " " + (mask == null ? "-" : mask.name()));
        }

        @Command(name = "plain")
        public void plain(@Param(defaultValue = "1") int n) {
            calls.add("plain " + n);
        }
    }

    public static class DefaultedFile extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "bad")
        public void bad(@Param(defaultValue = "x.png") UploadedFile image) {}
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aFileParameterIsTypedFileInTheSchema() throws Exception {
        CommandRegistry registry = CommandRegistry.of(OverlayModel.class);
        JsonNode schema = registry.capabilities().path("commands").get(1).path("schema");
        assertThat(schema.path("image").path("type").asText()).isEqualTo("file");
        assertThat(schema.path("image").path("required").asBoolean()).isTrue();
        assertThat(schema.path("mask").path("required").asBoolean()).isFalse();
        assertThat(schema.path("opacity").path("type").asText()).isEqualTo("number");
    }

    @Test
    void theModelReceivesTheResolvedFileAlongsideItsOtherArguments() throws Exception {
        OverlayModel model = new OverlayModel();
        CommandRegistry registry = CommandRegistry.of(OverlayModel.class);
        registry.validate("set_overlay", json("{\"opacity\":0.25}"), Map.of("image", PNG)).invoke(model);
        registry.validate("set_overlay", null, Map.of("image", PNG, "mask", PNG)).invoke(model);
        assertThat(model.calls).containsExactly("a.png 0.25 -", "a.png 0.5 a.png");
    }

    @Test
    void aMissingFileAFileInDataAndAnUploadNoParameterTakesAreRejectedTogether() throws Exception {
        CommandRegistry registry = CommandRegistry.of(OverlayModel.class);
        CommandRejectedException missing = catchThrowableOfType(
                () -> registry.validate("set_overlay", json("{}"), Map.of()), CommandRejectedException.class);
        assertThat(missing.problems()).singleElement().asString().startsWith("image: missing (required)");
        // A path in data would name any file on the machine: never accepted.
        CommandRejectedException inline = catchThrowableOfType(() -> registry.validate("set_overlay",
                json("{\"image\":\"/etc/passwd\"}"), Map.of()), CommandRejectedException.class);
        assertThat(inline.problems()).singleElement().asString()
                .startsWith("image: a file parameter takes an upload");
        CommandRejectedException extra = catchThrowableOfType(() -> registry.validate("set_overlay",
                json("{}"), Map.of("image", PNG, "opacity", PNG)), CommandRejectedException.class);
        assertThat(extra.problems()).containsExactly("opacity: unexpected upload — file parameters: image, mask");
        CommandRejectedException none = catchThrowableOfType(() -> registry.validate("plain",
                json("{}"), Map.of("image", PNG)), CommandRejectedException.class);
        assertThat(none.problems()).containsExactly("image: unexpected upload — plain takes no files");
    }

    @Test
    void aFileParameterCannotHaveADefault() {
        assertThatThrownBy(() -> CommandRegistry.of(DefaultedFile.class))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("parameter \"image\"").hasMessageContaining("cannot have a default");
    }

    @Test
    void aReportedPythonSchemaMayDeclareFiles() throws Exception {
        JsonNode schema = json("[{\"name\":\"set_overlay\",\"description\":\"\",\"params\":["
                + "{\"name\":\"image\",\"type\":\"file\",\"required\":true}]}]");
        List<Object[]> calls = new ArrayList<>();
        CommandRegistry registry = CommandRegistry.fromReportedSchema(schema, spec -> (model, args) -> calls.add(args));
        registry.validate("set_overlay", null, Map.of("image", PNG)).invoke(null);
        assertThat(calls).singleElement().satisfies(args -> assertThat(args).containsExactly(PNG));
        assertThatThrownBy(() -> CommandRegistry.fromReportedSchema(json("[{\"name\":\"x\",\"params\":["
                + "{\"name\":\"image\",\"type\":\"file\",\"default\":\"a.png\"}]}]"), spec -> (m, a) -> null))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("cannot have a default");
    }
}
