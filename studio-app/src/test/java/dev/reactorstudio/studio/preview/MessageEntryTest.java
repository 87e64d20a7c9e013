package dev.reactorstudio.studio.preview;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class MessageEntryTest {
    @Test
    void typeComesFromTheMessageAndTheFilterMatchesTypeOrContent() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree("{\"type\":\"state\",\"palette\":\"cool\"}");
        MessageEntry entry = MessageEntry.of("s1", json);
        assertThat(entry.type()).isEqualTo("state");
        assertThat(entry.pretty()).contains("\n");
        assertThat(entry.matches("STATE")).isTrue();
        assertThat(entry.matches("cool")).isTrue();
        assertThat(entry.matches("progress")).isFalse();
        assertThat(MessageEntry.of("s1", new ObjectMapper().createObjectNode()).type()).isEqualTo("message");
    }
}
