package dev.reactorstudio.runtime.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard on a real Javalin app with a route that has a side effect, so "refused before any side effect" is visible. */
class HttpGuardTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final AtomicInteger sideEffects = new AtomicInteger();
    private final AtomicInteger sockets = new AtomicInteger();
    private HttpGuard guard;
    private Javalin app;

    @BeforeEach
    void start() {
        SecurityOptions options = SecurityOptions.defaults()
                .withOrigins(OriginPolicy.allowing(List.of("http://devbox:*")))
                .withLimits(Limits.defaults().withJsonBodyBytes(1000));
        guard = new HttpGuard("test", options);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            guard.install(config);
            config.routes.post("/act", ctx -> ctx.result("done " + sideEffects.incrementAndGet()));
            config.routes.post("/echo", ctx -> ctx.result(ctx.body()));
            config.routes.ws("/ws", ws -> ws.onConnect(ctx -> sockets.incrementAndGet()));
        });
        guard.boundTo("127.0.0.1");
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSimpleCrossSitePostIsRefusedBeforeTheHandlerRuns() throws Exception {
        HttpResponse<String> r = send("POST", "/act", "x", "Origin", "http://evil.example.com", "Content-Type", "text/plain");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("\"detail\"").contains("http://evil.example.com").contains("--allow-origin");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(sideEffects).hasValue(0);
        assertThat(guard.refusedCount()).isEqualTo(1);
    }

    @Test
    void allowedAndOriginlessRequestsRun() throws Exception {
        assertThat(send("POST", "/act", "x").body()).isEqualTo("done 1");
        HttpResponse<String> r = send("POST", "/act", "x", "Origin", "http://localhost:5173");
        assertThat(r.body()).isEqualTo("done 2");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(r.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(send("POST", "/act", "x", "Origin", "http://devbox:9000", "Host", "devbox:8080").statusCode())
                .as("an allow-listed host may name this loopback server").isEqualTo(200);
    }

    @Test
    void preflightsOfAllowedOriginsGetAllowHeadersOthersGetNone() throws Exception {
        HttpResponse<String> ok = send("OPTIONS", "/act", null, "Origin", "http://localhost:3000",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,reactor-api-version",
                "Access-Control-Request-Private-Network", "true");
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("reactor-api-version");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Private-Network")).hasValue("true");

        HttpResponse<String> bad = send("OPTIONS", "/act", null, "Origin", "http://evil.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Private-Network", "true");
        assertThat(bad.statusCode()).isEqualTo(403);
        assertThat(bad.headers().map().keySet()).noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        assertThat(sideEffects).hasValue(0);
    }

    @Test
    void aRebindingPageThatReachesLoopbackUnderItsOwnNameIsRefused() throws Exception {
        HttpResponse<String> r = send("POST", "/act", "x", "Host", "rebind.evil.example.com:" + app.port(),
                "Origin", "http://rebind.evil.example.com:" + app.port());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("DNS rebinding");
        assertThat(send("POST", "/act", "x", "Host", "rebind.evil.example.com").statusCode())
                .as("the Host alone decides, Origin or not").isEqualTo(403);
        assertThat(sideEffects).hasValue(0);
        assertThat(send("POST", "/act", "x", "Host", "localhost:" + app.port()).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead() throws Exception {
        HttpResponse<String> r = send("POST", "/echo", "y".repeat(1001));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("--max-body-bytes");
        assertThat(send("POST", "/echo", "y".repeat(1000)).statusCode()).isEqualTo(200);
    }

    @Test
    void webSocketUpgradesFromForeignOriginsAreRefused() throws Exception {
        URI ws = URI.create("ws://127.0.0.1:" + app.port() + "/ws");
        WebSocket.Listener listener = new WebSocket.Listener() { };
        try {
            HTTP.newWebSocketBuilder().header("Origin", "http://evil.example.com").buildAsync(ws, listener).join();
            throw new AssertionError("the upgrade should have been refused");
        } catch (CompletionException expected) {
            assertThat(expected.getCause()).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
            assertThat(((java.net.http.WebSocketHandshakeException) expected.getCause()).getResponse().statusCode())
                    .isEqualTo(403);
        }
        assertThat(sockets).hasValue(0);
        WebSocket ok = HTTP.newWebSocketBuilder().header("Origin", "http://127.0.0.1:3000").buildAsync(ws, listener)
                .get(5, TimeUnit.SECONDS);
        // The server's onConnect runs just after the client's handshake completes.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> sockets.get() == 1);
        ok.abort();
    }

    /** What the HTTP fuzzer found: Jetty's own refusals and a client's bad charset answered empty or as 500. */
    @Test
    void clientFaultsAre4xxWithAReasonForEveryMethodNever500OrEmpty() throws Exception {
        // Jetty answers an unreadable request itself; for PUT/PATCH/... its default body was empty.
        String[] answer = raw("PUT /act/..;/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertThat(answer[0]).startsWith("HTTP/1.1 400").contains("application/json");
        assertThat(answer[1]).contains("\"detail\":\"Ambiguous URI path parameter\"");
        answer = raw("DELETE /act HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 12abc\r\nConnection: close\r\n\r\n");
        assertThat(answer[0]).startsWith("HTTP/1.1 400");
        assertThat(answer[1]).contains("\"detail\":\"Invalid Content-Length");
        // A charset Java does not know was an UnsupportedCharsetException, answered 500.
        HttpResponse<String> charset = send("POST", "/echo", "{}", "Content-Type", "application/json; charset=nope");
        assertThat(charset.statusCode()).isEqualTo(415);
        assertThat(charset.body()).contains("\"detail\"").contains("UTF-8");
        // A query that does not decode, on a WebSocket upgrade, was Jetty's 400 mapped to 500 with no body.
        answer = raw("GET /ws?%zz=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        assertThat(answer[0]).startsWith("HTTP/1.1 400");
        assertThat(answer[1]).contains("\"detail\"");
        assertThat(sockets).hasValue(0);
    }

    @Test
    void theRoutesOfAnAppAreListedFromItsRouter() {
        assertThat(ServedRoute.of(app)).containsExactly(new ServedRoute("POST", "/act"), new ServedRoute("POST", "/echo"),
                new ServedRoute("WS", "/ws"));
    }

    /** One request over a plain socket (what HttpClient refuses to send); the status line and headers, then the body. */
    private String[] raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            // Read until the connection closes or the head and a short body arrived (an upgrade refusal may stay open).
            while ((n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0 && text.substring(end).contains("}")) {
                    break;
                }
            }
            String text = answer.toString(java.nio.charset.StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return end < 0 ? new String[] {text, ""} : new String[] {text.substring(0, end), text.substring(end + 4)};
        }
    }

    @Test
    void theServersOwnPageAtAnIpAddressIsSameOriginButANameIsNot() {
        assertThat(HttpGuard.servedByUs("http://10.203.0.1:8080", "10.203.0.1:8080")).isTrue();
        assertThat(HttpGuard.servedByUs("http://10.203.0.1:8081", "10.203.0.1:8080")).isFalse();
        assertThat(HttpGuard.servedByUs("http://rebind.evil.com:8080", "rebind.evil.com:8080")).isFalse();
        assertThat(HttpGuard.servedByUs(null, "10.203.0.1:8080")).isFalse();
    }
}
