package dev.reactorstudio.studio.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.reactorstudio.runtime.model.ParamSpec;
import dev.reactorstudio.runtime.model.ParamType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a control starts: reported value, else the declared default, else the manifest arg of that name. */
class StartValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ParamSpec speed(JsonNode defaultValue) {
        return new ParamSpec("speed", ParamType.NUMBER, "", 0.0, 10.0, List.of(), defaultValue == null, defaultValue);
    }

    @Test
    void theModelsReportedValueWinsOverDefaultAndManifest() throws Exception {
        StartValues start = new StartValues(JSON.readTree("{\"speed\":2.5}"), JSON.readTree("{\"speed\":4}"));
        assertThat(start.of(speed(JsonNodeFactory.instance.numberNode(1.0))).asDouble()).isEqualTo(2.5);
    }

    @Test
    void withoutAReportTheDeclaredDefaultThenTheManifestArgOfTheSameName() throws Exception {
        StartValues start = new StartValues(JSON.readTree("{\"other\":7}"), JSON.readTree("{\"speed\":4,\"size\":[480,640]}"));
        assertThat(start.of(speed(JsonNodeFactory.instance.numberNode(1.0))).asDouble()).isEqualTo(1.0);
        assertThat(start.of(speed(null)).asDouble()).isEqualTo(4.0);
        ParamSpec size = new ParamSpec("size", ParamType.INTEGER, "", 0.0, 9.0, List.of(), true, null);
        assertThat(start.of(size)).as("an array cannot start one control").isNull();
        assertThat(new StartValues(JsonNodeFactory.instance.objectNode(), null).of(speed(null))).isNull();
    }

    @Test
    void sliderStepsAreRoundPowersOfTenNearAHundredthOfTheRange() {
        assertThat(ParamControl.Range.step(10)).isEqualTo(0.1);
        assertThat(ParamControl.Range.step(1)).isEqualTo(0.01);
        assertThat(ParamControl.Range.step(9.9)).isEqualTo(0.01);
        assertThat(ParamControl.Range.step(1000)).isEqualTo(10);
    }
}
