package dev.reactorstudio.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.VideoModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public enum Mode { CALM, STORM }

    /** Records every call, so tests can prove invalid input never reaches the model. */
    public static class CountingModel extends VideoModel {
        final List<String> calls = new ArrayList<>();

        @Override
        public void startSession() {}

        @Command(name = "set_speed")
        public void setSpeed(@Param(min = 0, max = 10) double speed) {
            calls.add("set_speed " + speed);
        }

        @Command(name = "set_palette")
        public void setPalette(@Param(choices = {"warm", "cool", "mono"}, defaultValue = "warm") String palette) {
            calls.add("set_palette " + palette);
        }

        @Command(name = "set_mode")
        public void setMode(Mode mode) {
            calls.add("set_mode " + mode);
        }

        @Command(name = "jump")
        public String jump(@Param(min = 0, max = 100) int frame, @Param(required = false) long seed,
                @Param(defaultValue = "0.5") float strength, @Param(defaultValue = "true") boolean loop,
                @Param(required = false) String label) {
            calls.add("jump " + frame + " " + seed + " " + strength + " " + loop + " " + label);
            return "jumped to " + frame;
        }

        @Command(name = "wide")
        public void wide(long big, Integer boxed) {
            calls.add("wide " + big + " " + boxed);
        }

        @Command(name = "fail")
        public void fail() throws IOException {
            throw new IOException("disk full");
        }
    }

    private CommandRegistry registry;
    private CountingModel model;

    @BeforeEach
    void setUp() throws Exception {
        registry = CommandRegistry.of(CountingModel.class);
        model = new CountingModel();
    }

    private Object call(String name, String argsJson) throws Exception {
        return registry.validate(name, JSON.readTree(argsJson)).invoke(model);
    }

    private List<String> problems(String name, String argsJson) throws Exception {
        JsonNode args = argsJson == null ? null : JSON.readTree(argsJson);
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> registry.validate(name, args).invoke(model));
        assertThat(rejected).as("expected %s %s to be rejected", name, argsJson).isNotNull();
        assertThat(model.calls).as("the model must not be called on invalid input").isEmpty();
        return rejected.problems();
    }

    @Test
    void invokePassesConvertedValues() throws Exception {
        Object result = call("jump", "{\"frame\":42,\"seed\":9000000000,\"strength\":0.25,\"loop\":false,\"label\":\"x\"}");

        assertThat(result).isEqualTo("jumped to 42");
        assertThat(model.calls).containsExactly("jump 42 9000000000 0.25 false x");
    }

    @Test
    void defaultsFillOptionalParametersAndOptionalWithoutDefaultGetZeroOrNull() throws Exception {
        call("jump", "{\"frame\":1}");
        call("set_palette", "{}");

        assertThat(model.calls).containsExactly("jump 1 0 0.5 true null", "set_palette warm");
    }

    @Test
    void argumentsAreConvertedToTheParameterTypes() throws Exception {
        CommandCall call = registry.validate("jump", JSON.readTree("{\"frame\":3,\"strength\":1}"));

        assertThat(call.name()).isEqualTo("jump");
        assertThat(call.arguments()).containsExactly(3, 0L, 1.0f, true, null);
    }

    @Test
    void integralFloatIsAcceptedForAnInteger() throws Exception {
        call("jump", "{\"frame\":3.0}");

        assertThat(model.calls).containsExactly("jump 3 0 0.5 true null");
    }

    @Test
    void integerIsAcceptedForANumber() throws Exception {
        call("set_speed", "{\"speed\":7}");

        assertThat(model.calls).containsExactly("set_speed 7.0");
    }

    @Test
    void fractionIsRejectedForAnInteger() throws Exception {
        assertThat(problems("jump", "{\"frame\":3.5}")).containsExactly("frame: expected an integer, got 3.5");
    }

    @Test
    void stringIsRejectedForANumberAndForAnInteger() throws Exception {
        assertThat(problems("set_speed", "{\"speed\":\"3\"}")).containsExactly("speed: expected a number, got \"3\"");
        assertThat(problems("jump", "{\"frame\":\"3\"}")).containsExactly("frame: expected an integer, got \"3\"");
    }

    @Test
    void wrongTypesForBooleanAndStringAreRejected() throws Exception {
        assertThat(problems("jump", "{\"frame\":1,\"loop\":\"yes\",\"label\":5}")).containsExactly(
                "loop: expected true or false, got \"yes\"", "label: expected a string, got 5");
    }

    @Test
    void valuesOutsideTheBoundsAreRejected() throws Exception {
        assertThat(problems("set_speed", "{\"speed\":12}")).containsExactly("speed: 12 > maximum 10");
        assertThat(problems("set_speed", "{\"speed\":-0.5}")).containsExactly("speed: -0.5 < minimum 0");
        assertThat(problems("jump", "{\"frame\":101}")).containsExactly("frame: 101 > maximum 100");
    }

    @Test
    void boundsAreInclusive() throws Exception {
        call("set_speed", "{\"speed\":10}");
        call("set_speed", "{\"speed\":0}");

        assertThat(model.calls).containsExactly("set_speed 10.0", "set_speed 0.0");
    }

    @Test
    void overflowOfIntAndLongIsRejected() throws Exception {
        assertThat(problems("wide", "{\"big\":1,\"boxed\":3000000000}"))
                .containsExactly("boxed: 3000000000 is out of range for int (-2147483648..2147483647)");
        assertThat(problems("wide", "{\"big\":99999999999999999999,\"boxed\":1}"))
                .containsExactly("big: 99999999999999999999 is out of range for long (-9223372036854775808..9223372036854775807)");
    }

    @Test
    void nanAndInfinityAreRejected() throws Exception {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            ObjectNode args = JsonNodeFactory.instance.objectNode().put("speed", bad);
            CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                    () -> registry.validate("set_speed", args));
            assertThat(rejected.problems()).singleElement().asString().startsWith("speed: expected a finite number, got ");
        }
    }

    @Test
    void stringChoicesAreEnforced() throws Exception {
        assertThat(problems("set_palette", "{\"palette\":\"pink\"}"))
                .containsExactly("palette: \"pink\" is not one of [\"warm\",\"cool\",\"mono\"]");
    }

    @Test
    void javaEnumsAcceptTheirConstantNamesOnly() throws Exception {
        assertThat(problems("set_mode", "{\"mode\":\"calm\"}"))
                .containsExactly("mode: \"calm\" is not one of [\"CALM\",\"STORM\"]");

        call("set_mode", "{\"mode\":\"STORM\"}");
        assertThat(model.calls).containsExactly("set_mode STORM");
        assertThat(registry.validate("set_mode", JSON.readTree("{\"mode\":\"CALM\"}")).arguments()).containsExactly(Mode.CALM);
    }

    @Test
    void missingRequiredParameterIsReported() throws Exception {
        assertThat(problems("set_speed", "{}")).containsExactly("speed: missing (required)");
        assertThat(problems("set_speed", null)).containsExactly("speed: missing (required)");
        assertThat(problems("set_speed", "{\"speed\":null}")).containsExactly("speed: missing (required)");
    }

    @Test
    void unknownParameterListsTheAcceptedOnes() throws Exception {
        assertThat(problems("set_speed", "{\"speed\":1,\"speeed\":2}"))
                .containsExactly("speeed: unknown parameter — accepted: speed");
        assertThat(problems("fail", "{\"now\":true}")).containsExactly("now: unknown parameter — fail takes no parameters");
    }

    @Test
    void everyProblemIsReportedNotOnlyTheFirst() throws Exception {
        CommandRejectedException rejected = catchThrowableOfType(CommandRejectedException.class,
                () -> registry.validate("jump", JSON.readTree("{\"frame\":500,\"strength\":\"hard\",\"extra\":1}")));

        assertThat(rejected.problems()).containsExactly(
                "extra: unknown parameter — accepted: frame, seed, strength, loop, label",
                "frame: 500 > maximum 100",
                "strength: expected a number, got \"hard\"");
        assertThat(rejected.command()).isEqualTo("jump");
        assertThat(rejected).hasMessageStartingWith("command \"jump\" rejected: extra: unknown parameter");
        assertThat(model.calls).isEmpty();
    }

    @Test
    void unknownCommandListsTheKnownOnes() throws Exception {
        assertThat(problems("set_sped", "{}"))
                .containsExactly("unknown command; known commands: fail, jump, set_mode, set_palette, set_speed, wide");
    }

    @Test
    void argumentsMustBeAnObject() throws Exception {
        assertThat(problems("set_speed", "[1]")).containsExactly("arguments must be a JSON object, got [1]");
        assertThat(problems("set_speed", "5")).containsExactly("arguments must be a JSON object, got 5");
    }

    @Test
    void invokeRethrowsTheModelsOwnException() throws Exception {
        CommandCall call = registry.validate("fail", null);

        assertThatThrownBy(() -> call.invoke(model)).isExactlyInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void invokeRefusesAModelOfAnotherClass() throws Exception {
        CommandCall call = registry.validate("fail", null);
        VideoModel other = new VideoModel() {
            @Override
            public void startSession() {}
        };

        assertThatThrownBy(() -> call.invoke(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void argumentsAreDefensivelyCopied() throws Exception {
        CommandCall call = registry.validate("set_speed", JSON.readTree("{\"speed\":2}"));
        call.arguments()[0] = 9.0;
        call.invoke(model);

        assertThat(model.calls).containsExactly("set_speed 2.0");
    }
}
