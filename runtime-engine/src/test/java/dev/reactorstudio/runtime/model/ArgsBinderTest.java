package dev.reactorstudio.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.VideoModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgsBinderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    abstract static class TestModel extends VideoModel {
        @Override
        public void startSession() {}
    }

    public enum Quality { LOW, HIGH }

    public record Camera(double zoom) {}

    public record Args(double fps, String size, Double speed, Quality quality, Camera camera) {}

    public static class RecordModel extends TestModel {
        final Args args;

        public RecordModel(Args args) {
            this.args = args;
        }
    }

    public static class Settings {
        public int fps = 30;
        private String size = "sd";

        public String getSize() {
            return size;
        }

        public void setSize(String size) {
            this.size = size;
        }
    }

    public static class PojoModel extends TestModel {
        final Settings settings;

        public PojoModel(Settings settings) {
            this.settings = settings;
        }
    }

    public static class JsonModel extends TestModel {
        final JsonNode args;

        public JsonModel(JsonNode args) {
            this.args = args;
        }
    }

    public static class ObjectNodeModel extends TestModel {
        final ObjectNode args;

        public ObjectNodeModel(ObjectNode args) {
            this.args = args;
        }
    }

    public static class MapModel extends TestModel {
        final Map<String, Object> args;

        public MapModel(Map<String, Object> args) {
            this.args = args;
        }
    }

    public static class NoArgModel extends TestModel {
        public NoArgModel() {}
    }

    /** Both constructors: the one taking args says how the model wants them. */
    public static class BothModel extends TestModel {
        final JsonNode args;

        public BothModel() {
            this(null);
        }

        public BothModel(JsonNode args) {
            this.args = args;
        }
    }

    public static class AmbiguousModel extends TestModel {
        public AmbiguousModel(Args args) {}

        public AmbiguousModel(Settings settings) {}
    }

    public static class TwoArgModel extends TestModel {
        public TwoArgModel(String a, String b) {}
    }

    private static Object construct(Class<?> modelClass, String argsJson) throws Exception {
        ArgsBinder.Binding binding = ArgsBinder.bind(modelClass, argsJson == null ? null : JSON.readTree(argsJson));
        return binding.constructor().newInstance(binding.arguments());
    }

    @Test
    void recordGetsArgsMappedByName() throws Exception {
        RecordModel model = (RecordModel) construct(RecordModel.class,
                "{\"fps\":24,\"size\":\"hd\",\"quality\":\"HIGH\",\"camera\":{\"zoom\":2}}");

        assertThat(model.args).isEqualTo(new Args(24, "hd", null, Quality.HIGH, new Camera(2)));
    }

    @Test
    void pojoKeepsItsFieldDefaultsForMissingArgs() throws Exception {
        PojoModel model = (PojoModel) construct(PojoModel.class, "{\"size\":\"4k\"}");

        assertThat(model.settings.fps).isEqualTo(30);
        assertThat(model.settings.getSize()).isEqualTo("4k");
    }

    @Test
    void jsonNodeConstructorGetsArgsRaw() throws Exception {
        JsonNode args = JSON.readTree("{\"anything\":[1,{\"goes\":true}]}");
        JsonModel model = (JsonModel) ArgsBinder.bind(JsonModel.class, args).constructor()
                .newInstance(ArgsBinder.bind(JsonModel.class, args).arguments());

        assertThat(model.args).isEqualTo(args).isNotSameAs(args);
        assertThat(((ObjectNodeModel) construct(ObjectNodeModel.class, "{\"a\":1}")).args)
                .isEqualTo(JSON.readTree("{\"a\":1}"));
    }

    @Test
    void missingArgsArriveAsAnEmptyObject() throws Exception {
        assertThat(((JsonModel) construct(JsonModel.class, null)).args).isEqualTo(JSON.createObjectNode());
        assertThat(((MapModel) construct(MapModel.class, "null")).args).isEmpty();
    }

    @Test
    void mapConstructorGetsPlainJavaValues() throws Exception {
        MapModel model = (MapModel) construct(MapModel.class, "{\"fps\":24,\"size\":\"hd\",\"tags\":[\"a\"],\"cam\":{\"zoom\":1.5}}");

        assertThat(model.args).containsExactly(Map.entry("fps", 24), Map.entry("size", "hd"),
                Map.entry("tags", java.util.List.of("a")), Map.entry("cam", Map.of("zoom", 1.5)));
    }

    @Test
    void noArgConstructorIsAllowedAndReportsIgnoredArgs() throws Exception {
        assertThat(ArgsBinder.bind(NoArgModel.class, JSON.readTree("{\"fps\":1}")).argsIgnored()).isTrue();
        assertThat(ArgsBinder.bind(NoArgModel.class, JSON.readTree("{}")).argsIgnored()).isFalse();
        assertThat(construct(NoArgModel.class, null)).isInstanceOf(NoArgModel.class);
    }

    @Test
    void constructorTakingArgsWinsOverTheNoArgOne() throws Exception {
        assertThat(((BothModel) construct(BothModel.class, "{\"a\":1}")).args).isEqualTo(JSON.readTree("{\"a\":1}"));
    }

    @Test
    void wrongTypeNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"fps\":\"fast\"}"))
                .isInstanceOf(ModelLoadException.class).hasMessage("args.fps: expected a number, got \"fast\"");
        assertThatThrownBy(() -> construct(PojoModel.class, "{\"fps\":2.5}"))
                .hasMessage("args.fps: expected an integer, got 2.5");
    }

    @Test
    void quotedNumbersAreNotCoerced() {
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"fps\":\"30\"}"))
                .hasMessage("args.fps: expected a number, got \"30\"");
    }

    @Test
    void unknownFieldListsWhatTheModelAccepts() {
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"fps\":1,\"speeed\":2}"))
                .hasMessage("args.speeed: unknown argument — the model accepts: camera, fps, quality, size, speed");
    }

    @Test
    void everyUnknownFieldIsReported() {
        assertThatThrownBy(() -> construct(PojoModel.class, "{\"fsp\":1,\"sise\":\"hd\"}"))
                .hasMessage("args.fsp: unknown argument — the model accepts: fps, size\n"
                        + "args.sise: unknown argument — the model accepts: fps, size");
    }

    @Test
    void nestedFieldErrorsCarryTheirPath() {
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"fps\":1,\"camera\":{\"zoom\":true}}"))
                .hasMessage("args.camera.zoom: expected a number, got true");
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"fps\":1,\"camera\":{\"zoom\":1,\"tilt\":2}}"))
                .hasMessage("args.camera.tilt: unknown argument — the model accepts: zoom");
    }

    @Test
    void enumFieldErrorsListTheConstants() {
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"fps\":1,\"quality\":\"ultra\"}"))
                .hasMessage("args.quality: expected one of [\"LOW\",\"HIGH\"], got \"ultra\"");
    }

    @Test
    void missingPrimitiveRecordComponentIsNamed() {
        assertThatThrownBy(() -> construct(RecordModel.class, "{\"size\":\"hd\"}"))
                .hasMessageStartingWith("args.fps: missing — double has no empty value");
    }

    @Test
    void argsMustBeAnObject() {
        assertThatThrownBy(() -> construct(JsonModel.class, "[1,2]")).hasMessage("args: expected an object, got [1,2]");
    }

    @Test
    void unclearConstructorsAreExplained() {
        assertThatThrownBy(() -> construct(AmbiguousModel.class, "{}"))
                .hasMessageContaining("AmbiguousModel has several one-argument public constructors (");
        assertThatThrownBy(() -> construct(TwoArgModel.class, "{}"))
                .hasMessageContaining("TwoArgModel needs a public constructor taking no arguments or one");
    }
}
