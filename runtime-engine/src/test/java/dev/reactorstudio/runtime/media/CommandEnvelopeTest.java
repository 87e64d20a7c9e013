package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class CommandEnvelopeTest {

    @Test
    void applicationEnvelopeCarriesCommandNameAndArguments() {
        CommandEnvelope e = CommandEnvelope.parse(
                "{\"scope\":\"application\",\"data\":{\"type\":\"set_palette\",\"data\":{\"palette\":\"cool\"}}}").orElseThrow();
        assertThat(e.isApplication()).isTrue();
        assertThat(e.type()).isEqualTo("set_palette");
        assertThat(e.data().path("palette").asText()).isEqualTo("cool");
    }

    @Test
    void runtimePingIsRecognisedAndMissingDataBecomesAnEmptyObject() {
        CommandEnvelope e = CommandEnvelope.parse("{\"scope\":\"runtime\",\"data\":{\"type\":\"ping\"}}").orElseThrow();
        assertThat(e.isRuntime("ping")).isTrue();
        assertThat(e.data().isObject()).isTrue();
    }

    @Test
    void framesThatAreNotEnvelopesAreIgnored() {
        assertThat(CommandEnvelope.parse("not json")).isEmpty();
        assertThat(CommandEnvelope.parse("{\"scope\":\"runtime\",\"data\":{\"type\":\"ping\"}}{\"scope\":\"application\"}"))
                .as("two values: not one envelope, and none of it is acted on").isEmpty();
        assertThat(CommandEnvelope.parse("\"text\"")).isEmpty();
        assertThat(CommandEnvelope.parse("{\"type\":\"set_palette\"}")).isEmpty();
    }

    @Test
    void modelMessagesGoOutVerbatimUnderApplicationScope() {
        var message = JsonNodeFactory.instance.objectNode().put("type", "state").put("palette", "cool");
        assertThat(CommandEnvelope.application(message))
                .isEqualTo("{\"scope\":\"application\",\"data\":{\"type\":\"state\",\"palette\":\"cool\"}}");
        assertThat(CommandEnvelope.runtime("modelCapabilities", JsonNodeFactory.instance.objectNode()))
                .isEqualTo("{\"scope\":\"runtime\",\"data\":{\"type\":\"modelCapabilities\",\"data\":{}}}");
    }
}
