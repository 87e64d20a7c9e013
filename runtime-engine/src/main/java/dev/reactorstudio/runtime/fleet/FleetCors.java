package dev.reactorstudio.runtime.fleet;

import io.javalin.http.Context;

/**
 * CORS for SDK pages on other origins. Every SDK call carries custom headers and a Bearer token
 * (never cookies), so every call is preflighted and {@code *} exposes nothing a token does not
 * already guard.
 */
final class FleetCors {
    private FleetCors() {
    }

    static void headers(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        String requested = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Headers", requested != null && !requested.isBlank() ? requested
                : "content-type, authorization, reactor-api-key, reactor-api-version, reactor-api-accept-version, reactor-webrtc-version");
        ctx.header("Access-Control-Max-Age", "600");
        if ("true".equalsIgnoreCase(ctx.header("Access-Control-Request-Private-Network"))) {
            ctx.header("Access-Control-Allow-Private-Network", "true");
        }
    }

    static void preflight(Context ctx) {
        headers(ctx);
        ctx.status(204);
    }
}
