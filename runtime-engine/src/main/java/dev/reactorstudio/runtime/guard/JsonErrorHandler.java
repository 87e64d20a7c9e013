package dev.reactorstudio.runtime.guard;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches the app (a malformed URI, headers too
 * large, a bad request line, a bad {@code Content-Length}), in the servers' {@code {"detail": "..."}}
 * shape instead of an HTML page or an empty body — for every method, not only GET/POST/HEAD.
 * Jetty 12 sends a request its parser could not read through {@link #generateResponse} too (it no
 * longer calls the deprecated {@code badMessageError}).
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Jetty answers other methods (PUT, DELETE, PROPFIND...) with an empty body; a client of any method deserves the reason. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    private static byte[] body(int code, String message) {
        String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
        return JSON.createObjectNode().put("detail", reason).toString().getBytes(StandardCharsets.UTF_8);
    }
}
