package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks shared by every run of run.mjs's {@code command} scenario, whichever model it watched. */
final class CommandScenarioResult {
    private CommandScenarioResult() {
    }

    /**
     * The SDK was ready, decoded 30+ frames at 640×480, the invalid command produced nothing but
     * progress reports and never came back, and the client ended disconnected.
     */
    static void assertStreamedAndRejectedTheInvalidCommand(JsonNode r, String invalidWhat) {
        assertThat(r.path("ready").asBoolean()).isTrue();
        assertThat(r.path("frames").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(r.path("videoWidth").asInt()).isEqualTo(640);
        assertThat(r.path("videoHeight").asInt()).isEqualTo(480);
        assertThat(r.path("afterInvalid")).as("only progress reports between the invalid command and the state reply")
                .allSatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("progress"));
        assertThat(r.path("invalidEchoed").asBoolean()).as(invalidWhat + " must not reach the model").isFalse();
        assertThat(r.path("finalStatus").asText()).isEqualTo("disconnected");
    }
}
