package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApplicationMessageTest {
    private final ObjectMapper json = new ObjectMapper();

    private ApplicationMessage parse(String text) {
        return ApplicationMessage.parse(json, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandNameAndArgumentsComeFromTypeAndData() {
        ApplicationMessage message = parse("{\"type\":\"set_palette\",\"data\":{\"palette\":\"cool\"}}");

        assertThat(message.type()).isEqualTo("set_palette");
        assertThat(message.data().path("palette").asText()).isEqualTo("cool");
    }

    @Test
    void missingDataMeansNoArguments() {
        assertThat(parse("{\"type\":\"reset\"}").data().isObject()).isTrue();
        assertThat(parse("{\"type\":\"reset\",\"data\":null}").data().size()).isZero();
    }

    @Test
    void seedEraWrapperIsUnwrapped() {
        ApplicationMessage message = parse("{\"type\":\"application\",\"data\":{\"type\":\"set_speed\",\"data\":{\"speed\":2}}}");

        assertThat(message.type()).isEqualTo("set_speed");
        assertThat(message.data().path("speed").asInt()).isEqualTo(2);
    }

    @Test
    void nonJsonOrTypelessPayloadsAreRejectedWithTheExpectedShape() {
        assertThatThrownBy(() -> parse("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{\"type\": name");
        assertThatThrownBy(() -> parse("{\"data\":{}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{\"type\": name");
        assertThatThrownBy(() -> parse("[1,2]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondValueAfterTheFirstIsRefusedNotHalfRun() {
        assertThatThrownBy(() -> parse("{\"type\":\"reset\"}{\"type\":\"set_speed\",\"data\":{\"speed\":99}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be JSON");
        assertThatThrownBy(() -> parse("{\"type\":\"reset\"} x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(parse("{\"type\":\"reset\"}\n ").type()).as("trailing whitespace is fine").isEqualTo("reset");
    }
}
