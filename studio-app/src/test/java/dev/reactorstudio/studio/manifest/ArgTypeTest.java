package dev.reactorstudio.studio.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ArgTypeTest {
    @Test
    void typesAreReadFromTheJsonValue() throws Exception {
        var args = new ObjectMapper().readTree("{\"a\":1,\"b\":1.5,\"c\":\"x\",\"d\":true,\"e\":[480,640]}");
        assertThat(ArgType.of(args.get("a"))).isEqualTo(ArgType.INTEGER);
        assertThat(ArgType.of(args.get("b"))).isEqualTo(ArgType.NUMBER);
        assertThat(ArgType.of(args.get("c"))).isEqualTo(ArgType.STRING);
        assertThat(ArgType.of(args.get("d"))).isEqualTo(ArgType.BOOLEAN);
        assertThat(ArgType.of(args.get("e"))).isEqualTo(ArgType.JSON);
        assertThat(ArgType.text(args.get("e"))).isEqualTo("[480,640]");
    }

    @Test
    void textThatDoesNotFitItsTypeIsRefused() {
        assertThat(ArgType.INTEGER.parse("12")).get().hasToString("12");
        assertThat(ArgType.INTEGER.parse("1.5")).isEmpty();
        assertThat(ArgType.NUMBER.parse("abc")).isEmpty();
        assertThat(ArgType.BOOLEAN.parse("yes")).isEmpty();
        assertThat(ArgType.JSON.parse("[1, 2")).isEmpty();
        assertThat(ArgType.STRING.parse(" keep spaces ")).get().extracting(n -> n.asText()).isEqualTo(" keep spaces ");
    }
}
