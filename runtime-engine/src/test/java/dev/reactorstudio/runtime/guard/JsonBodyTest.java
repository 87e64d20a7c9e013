package dev.reactorstudio.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBodyTest {
    @Test
    void oneObjectIsTheBodyWhitespaceAroundItIncluded() {
        JsonBody.Parsed parsed = JsonBody.parse("  {\"a\":1}\n\t ");

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.object().path("a").asInt()).isEqualTo(1);
    }

    @Test
    void anythingAfterTheObjectIsRefusedNamingWhereItStarts() {
        assertThat(JsonBody.parse("{\"a\":1} garbage").problem())
                .isEqualTo("the body has more after its JSON object (from character 8; only one object may be sent)");
        assertThat(JsonBody.parse("{\"a\":1}{\"b\":2}").problem()).startsWith("the body has more after its JSON object");
        assertThat(JsonBody.parse("{\"a\":1} 2").problem()).startsWith("the body has more after its JSON object");
        assertThat(JsonBody.parse("{\"a\":1}]").problem()).startsWith("the body has more after its JSON object");
        assertThat(JsonBody.parse("{\"a\":1}]").object()).as("nothing of a refused body is handed on").isNull();
    }

    @Test
    void emptyBrokenAndNonObjectBodiesKeepTheirOwnReasons() {
        assertThat(JsonBody.parse("").problem()).isEqualTo("the body is empty");
        assertThat(JsonBody.parse("   ").problem()).isEqualTo("the body is empty");
        assertThat(JsonBody.parse("[1]").problem()).isEqualTo("the body is JSON but not an object");
        assertThat(JsonBody.parse("{not json").problem()).startsWith("the body is not JSON (");
    }
}
