package dev.reactorstudio.runtime.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Reads a request body that must be a JSON object. Anything else (no body, broken JSON, an array
 * or a string) is answered {@code 400 {"detail": "..."}} naming what was wrong and what to send,
 * so every route refuses a bad body the same way.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonBody() {
    }

    /**
     * @param expected what the route wants, shown in the refusal, e.g. {@code {"sdp_offer": "..."}}
     * @return the body, or empty after answering 400
     */
    public static Optional<JsonNode> object(Context ctx, String expected) {
        String problem;
        try {
            JsonNode body = JSON.readTree(ctx.body());
            if (body != null && body.isObject()) {
                return Optional.of(body);
            }
            problem = body == null || body.isMissingNode() ? "the body is empty" : "the body is JSON but not an object";
        } catch (JsonProcessingException e) {
            problem = "the body is not JSON (" + e.getOriginalMessage() + ")";
        }
        ctx.status(400).contentType("application/json")
                .result(JSON.createObjectNode().put("detail", problem + ": send " + expected).toString());
        return Optional.empty();
    }
}
