package dev.reactorstudio.runtime.guard;

import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * One route a server answers: an HTTP method (or {@code WS} for a WebSocket upgrade) and a Javalin
 * path pattern such as {@code /sessions/{sid}/info}. Read from the app's router, so a route added
 * later is listed without anyone listing it (the HTTP fuzzer exercises every one).
 */
public record ServedRoute(String method, String path) {
    public static final String WEBSOCKET = "WS";

    /** The HTTP endpoints and WebSocket paths of {@code app}, in the order they were declared. */
    public static List<ServedRoute> of(Javalin app) {
        List<ServedRoute> routes = new ArrayList<>();
        // Javalin 7 lists the endpoints only through its "unsafe" (internal-facing) state; reading is safe.
        app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(parsed -> parsed.endpoint.method.isHttpMethod())
                .forEach(parsed -> routes.add(new ServedRoute(parsed.endpoint.method.name(), parsed.endpoint.path)));
        app.unsafe.internalRouter.allWsHandlers().stream()
                .filter(entry -> entry.getType() == WsHandlerType.WEBSOCKET)
                .forEach(entry -> routes.add(new ServedRoute(WEBSOCKET, entry.getPath())));
        return List.copyOf(routes);
    }

    public boolean isWebSocket() {
        return WEBSOCKET.equals(method);
    }

    /** True when the pattern has path parameters ({@code {sid}}, {@code <rest>}) a caller fills in. */
    public boolean hasParameters() {
        return path.contains("{") || path.contains("<");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
