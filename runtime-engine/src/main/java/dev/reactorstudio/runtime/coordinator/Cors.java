package dev.reactorstudio.runtime.coordinator;

import io.javalin.http.Context;

/**
 * CORS for pages on other origins (a dev server on :3000 talking to :8080). Every SDK call has
 * custom headers, so every call is preflighted; Chromium adds Private Network Access preflights
 * when a public or https page calls a local address. The SDK sends no credentials, so {@code *}
 * is enough.
 */
final class Cors {
    private Cors() {
    }

    static void headers(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        String requested = ctx.header("Access-Control-Request-Headers");
        ctx.header("Access-Control-Allow-Headers", requested != null && !requested.isBlank() ? requested
                : "content-type, authorization, reactor-api-version, reactor-api-accept-version, reactor-webrtc-version");
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
