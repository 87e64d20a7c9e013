package dev.reactorstudio.runtime.guard;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads a request body that must be one JSON object. Anything else (no body, broken JSON, an array
 * or a string, anything after the object such as {@code {"a":1} garbage} or a second object) is
 * answered {@code 400 {"detail": "..."}} naming what was wrong and what to send, so every route
 * refuses a bad body the same way. Trailing content is refused rather than ignored: a client whose
 * body is two values would otherwise see the first one acted on and the rest silently lost.
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
        Parsed parsed = parse(ctx.body());
        if (parsed.problem == null) {
            return Optional.of(parsed.object);
        }
        ctx.status(400).contentType("application/json")
                .result(JSON.createObjectNode().put("detail", parsed.problem + ": send " + expected).toString());
        return Optional.empty();
    }

    /** Either the one JSON object of a body, or what is wrong with it. */
    record Parsed(JsonNode object, String problem) {
        static Parsed refused(String problem) {
            return new Parsed(null, problem);
        }
    }

    static Parsed parse(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonNode value = JSON.readTree(parser);
            if (value == null || value.isMissingNode()) {
                return Parsed.refused("the body is empty");
            }
            if (!value.isObject()) {
                return Parsed.refused("the body is JSON but not an object");
            }
            long end = parser.currentLocation().getCharOffset();
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonProcessingException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                return Parsed.refused("the body has more after its JSON object (from character " + (end + 1)
                        + "; only one object may be sent)");
            }
            return new Parsed(value, null);
        } catch (JsonProcessingException e) {
            return Parsed.refused("the body is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return Parsed.refused("the body could not be read (" + e.getMessage() + ")");
        }
    }
}
