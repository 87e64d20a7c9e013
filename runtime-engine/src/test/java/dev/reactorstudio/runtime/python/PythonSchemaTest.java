package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Command schemas from Python annotations (plain types, Literal, Optional, pydantic-style Field), weights and get_ctx(). */
class PythonSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HostedModel model;

    @BeforeAll
    static void load() throws Exception {
        model = new HostedModel(PythonSupport.MODELS.resolve("schema"), PythonSupport.options());
        model.sessions().start();
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static JsonNode schema(String command) {
        for (JsonNode c : model.host.model().orElseThrow().commands().capabilities().get("commands")) {
            if (c.get("name").asText().equals(command)) {
                return c.get("schema");
            }
        }
        throw new AssertionError("no command " + command);
    }

    @Test
    void anUploadedFileParameterReceivesThePythonUploadedFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThat(schema("digest").path("file").path("type").asText()).isEqualTo("file");
        assertThat(schema("digest").path("mask").path("required").asBoolean()).isFalse();
        java.nio.file.Path source = dir.resolve("photo.png");
        byte[] data = "not really a png".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.write(source, data);
        var sessions = model.sessions();
        var file = sessions.uploads().store(sessions.current().orElseThrow().id(), "test", source, "image/png");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) sessions.command("digest", null, Map.of("file", file))
                .get(10, TimeUnit.SECONDS);
        assertThat(result).containsEntry("name", "photo.png").containsEntry("size", data.length)
                .containsEntry("mime_type", "image/png").containsEntry("is_uploaded_file", true)
                .containsEntry("mask", null)
                .containsEntry("sha256", java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(data)));
    }

    @Test
    void plainAnnotationsBecomeTheJsSdkSchema() {
        JsonNode typed = schema("typed");
        assertThat(typed.toString()).isEqualTo("{\"count\":{\"type\":\"integer\",\"required\":true},"
                + "\"ratio\":{\"type\":\"number\",\"required\":false,\"default\":0.5},"
                + "\"name\":{\"type\":\"string\",\"required\":false,\"default\":\"x\"},"
                + "\"flag\":{\"type\":\"boolean\",\"required\":false,\"default\":false},"
                + "\"color\":{\"type\":\"string\",\"enum\":[\"red\",\"green\"],\"required\":false,\"default\":\"red\"},"
                + "\"maybe\":{\"type\":\"integer\",\"required\":false}}");
    }

    @Test
    void pydanticStyleFieldsGiveBoundsDescriptionsAndRequiredness() {
        JsonNode fielded = schema("fielded");
        assertThat(fielded.at("/strength").toString()).isEqualTo(
                "{\"type\":\"number\",\"description\":\"how strong\",\"minimum\":0,\"maximum\":1,\"required\":false,\"default\":0.5}");
        assertThat(fielded.at("/steps/minimum").asInt()).isEqualTo(1);
        assertThat(fielded.at("/steps/maximum").asInt()).isEqualTo(50);
        assertThat(fielded.at("/steps/default").asInt()).isEqualTo(4);
        assertThat(fielded.at("/required_level/required").asBoolean()).isTrue();
    }

    @Test
    void callsGetDefaultsAndPythonValues() throws Exception {
        Object result = model.sessions().command("typed", JSON.readTree("{\"count\":3}")).get(10, TimeUnit.SECONDS);
        assertThat(result).isEqualTo(Map.of("count", 3, "ratio", 0.5, "name", "x", "flag", false, "color", "red",
                "maybe", JSON.nullNode()).entrySet().stream().collect(java.util.HashMap::new,
                (m, e) -> m.put(e.getKey(), e.getValue() == JSON.nullNode() ? null : e.getValue()), Map::putAll));
        Object bounded = model.sessions().command("fielded", JSON.readTree("{\"required_level\":2,\"steps\":50}"))
                .get(10, TimeUnit.SECONDS);
        assertThat(bounded).isEqualTo(java.util.List.of(0.5, 50, 2));
        Assertions.assertThatThrownBy(() -> model.sessions().command("fielded", JSON.readTree("{\"required_level\":4}")))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("required_level: 4 > maximum 3");
    }

    @Test
    void weightsResolveThroughJavaAndGetCtxOutsideASessionRaises() throws Exception {
        await().until(() -> model.sessions().current().isPresent());
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) model.sessions().command("info", null).get(10, TimeUnit.SECONDS);
        assertThat(info.get("label")).isEqualTo("from-manifest");
        assertThat((String) info.get("weights")).endsWith("schema/weights/Tiny");
        assertThat(info.get("weights_text")).isEqualTo("hi");
        assertThat((String) info.get("outside")).startsWith("get_ctx() called outside a session");
    }
}
