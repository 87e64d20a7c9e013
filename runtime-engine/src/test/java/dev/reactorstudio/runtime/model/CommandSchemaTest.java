package dev.reactorstudio.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.VideoModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Mode { CALM, STORM }

    public static class WeatherModel extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "set_speed", description = "How fast the clouds move")
        public void setSpeed(@Param(description = "Cloud speed", min = 0, max = 10) double speed) {}

        @Command(name = "set_palette")
        public void setPalette(@Param(choices = {"warm", "cool", "mono"}, defaultValue = "warm") String palette) {}

        @Command(name = "set_mode")
        public void setMode(Mode mode) {}

        @Command(name = "jump", description = "Jumps to a frame")
        public void jump(@Param(min = 0, max = 100) int frame, @Param(name = "seed", required = false) long s,
                @Param(defaultValue = "0.5") float strength, @Param(defaultValue = "true") boolean loop) {}

        public void notACommand() {}
    }

    public static class ChildModel extends WeatherModel {
        @Command(name = "reset")
        public void reset() {}
    }

    @Test
    void capabilitiesHaveTheJsSdkShape() throws Exception {
        var capabilities = CommandRegistry.of(WeatherModel.class).capabilities();

        assertThat(capabilities).isEqualTo(JSON.readTree("""
                {"commands":[
                  {"name":"jump","description":"Jumps to a frame","schema":{
                    "frame":{"type":"integer","minimum":0,"maximum":100,"required":true},
                    "seed":{"type":"integer","required":false},
                    "strength":{"type":"number","required":false,"default":0.5},
                    "loop":{"type":"boolean","required":false,"default":true}}},
                  {"name":"set_mode","description":"","schema":{
                    "mode":{"type":"string","enum":["CALM","STORM"],"required":true}}},
                  {"name":"set_palette","description":"","schema":{
                    "palette":{"type":"string","enum":["warm","cool","mono"],"required":false,"default":"warm"}}},
                  {"name":"set_speed","description":"How fast the clouds move","schema":{
                    "speed":{"type":"number","description":"Cloud speed","minimum":0,"maximum":10,"required":true}}}
                ]}"""));
    }

    @Test
    void capabilitiesPrintBoundsAsAJavaScriptClientWould() throws Exception {
        String json = JSON.writeValueAsString(CommandRegistry.of(WeatherModel.class).capabilities());

        assertThat(json).contains("\"speed\":{\"type\":\"number\",\"description\":\"Cloud speed\",\"minimum\":0,\"maximum\":10,\"required\":true}");
    }

    @Test
    void specsKeepJavaParameterNamesAndOrder() throws Exception {
        CommandSpec jump = CommandRegistry.of(WeatherModel.class).command("jump").orElseThrow();

        assertThat(jump.params()).extracting(ParamSpec::name).containsExactly("frame", "seed", "strength", "loop");
        assertThat(jump.params().get(0)).isEqualTo(
                new ParamSpec("frame", ParamType.INTEGER, "", 0.0, 100.0, List.of(), true, null));
    }

    @Test
    void inheritedCommandsAreIncluded() throws Exception {
        assertThat(CommandRegistry.of(ChildModel.class).commands()).extracting(CommandSpec::name)
                .containsExactly("jump", "reset", "set_mode", "set_palette", "set_speed");
    }

    @Test
    void capabilitiesAreACopyCallersMayEdit() throws Exception {
        CommandRegistry registry = CommandRegistry.of(WeatherModel.class);
        registry.capabilities().putArray("commands");

        assertThat(registry.capabilities().get("commands")).hasSize(4);
    }

    @Test
    void modelWithoutCommandsHasAnEmptyList() throws Exception {
        class Plain extends VideoModel {
            @Override
            public void startSession() {}
        }
        assertThat(CommandRegistry.of(Plain.class).capabilities()).isEqualTo(JSON.readTree("{\"commands\":[]}"));
    }

    public static class UnsupportedType extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "set_list")
        public void setList(List<String> items) {}
    }

    public static class DuplicateNames extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "go")
        public void first() {}

        @Command(name = "go")
        public void second() {}
    }

    public static class MinAboveMax extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "zoom")
        public void zoom(@Param(min = 5, max = 1) double level) {}
    }

    public static class ChoicesOnNumber extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "zoom")
        public void zoom(@Param(choices = {"1", "2"}) int level) {}
    }

    public static class DefaultOutOfBounds extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "zoom")
        public void zoom(@Param(min = 0, max = 10, defaultValue = "12") double level) {}
    }

    public static class DefaultOfWrongType extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "zoom")
        public void zoom(@Param(defaultValue = "fast") int level) {}
    }

    public static class DefaultNotAChoice extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "paint")
        public void paint(@Param(choices = {"warm", "cool"}, defaultValue = "pink") String palette) {}
    }

    public static class NonPublicCommand extends VideoModel {
        @Override
        public void startSession() {}

        @Command(name = "hidden")
        void hidden() {}
    }

    @Test
    void unsupportedParameterTypeNamesMethodAndParameter() {
        assertThatThrownBy(() -> CommandRegistry.of(UnsupportedType.class))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("UnsupportedType.setList(), parameter \"items\": unsupported type List");
    }

    @Test
    void duplicateCommandNamesAreRejected() {
        assertThatThrownBy(() -> CommandRegistry.of(DuplicateNames.class))
                .hasMessageContaining("duplicate command name \"go\"")
                .hasMessageContaining("DuplicateNames.first()").hasMessageContaining("DuplicateNames.second()");
    }

    @Test
    void minAboveMaxIsRejected() {
        assertThatThrownBy(() -> CommandRegistry.of(MinAboveMax.class))
                .hasMessageContaining("MinAboveMax.zoom(), parameter \"level\": min 5 > max 1");
    }

    @Test
    void choicesOnANonStringAreRejected() {
        assertThatThrownBy(() -> CommandRegistry.of(ChoicesOnNumber.class))
                .hasMessageContaining("parameter \"level\": choices only apply to String parameters");
    }

    @Test
    void defaultsMustRespectBoundsTypeAndChoices() {
        assertThatThrownBy(() -> CommandRegistry.of(DefaultOutOfBounds.class))
                .hasMessageContaining("DefaultOutOfBounds.zoom(), parameter \"level\": default 12 is invalid: level: 12 > maximum 10");
        assertThatThrownBy(() -> CommandRegistry.of(DefaultOfWrongType.class))
                .hasMessageContaining("default fast is invalid: level: expected an integer, got \"fast\"");
        assertThatThrownBy(() -> CommandRegistry.of(DefaultNotAChoice.class))
                .hasMessageContaining("default pink is invalid: palette: \"pink\" is not one of [\"warm\",\"cool\"]");
    }

    @Test
    void nonPublicCommandIsAnErrorNotSilentlyDropped() {
        assertThatThrownBy(() -> CommandRegistry.of(NonPublicCommand.class))
                .hasMessageContaining("NonPublicCommand.hidden() is annotated @Command but is not public");
    }

    @Test
    void commandSpecsAreImmutableValues() throws Exception {
        List<CommandSpec> commands = CommandRegistry.of(WeatherModel.class).commands();

        assertThatThrownBy(() -> commands.get(0).params().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
