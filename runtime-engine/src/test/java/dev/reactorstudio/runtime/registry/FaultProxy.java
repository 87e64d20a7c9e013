package dev.reactorstudio.runtime.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * A small HTTP proxy in front of S3Proxy that injects faults: error answers (403/404/500), delays
 * before the answer (slow server), and bodies that stall half-way. It also counts GET body bytes
 * and can call back at a byte offset, which is how tests cancel pulls at exact random points.
 *
 * <p>Requests are forwarded with their own {@code Host} header so S3Proxy's signature check passes;
 * that needs {@code -Djdk.httpclient.allowRestrictedHeaders=host} (set in the surefire config).
 * Built on the JDK's {@code com.sun.net.httpserver} and {@code java.net.http}: no extra dependency.
 */
final class FaultProxy implements AutoCloseable {
    record Request(String method, String path, String query, String range) {
        /** A GET of an object (not a listing). */
        boolean objectGet() {
            return method.equals("GET") && (query == null || !query.contains("list-type"));
        }
    }

    sealed interface Fault permits Status, Delay, Stall {}

    /** Answer with this status and S3 error code instead of forwarding. */
    record Status(int code, String errorCode) implements Fault {}

    /** Wait before forwarding (longer than the client's read timeout = a timeout). */
    record Delay(long millis) implements Fault {}

    /** Forward, but stop the body after {@code afterBytes} and hold the connection for {@code millis}, then drop it. */
    record Stall(long afterBytes, long millis) implements Fault {}

    private record Rule(Predicate<Request> match, AtomicInteger remaining, Fault fault) {}

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final URI upstream;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong getBodyBytes = new AtomicLong();
    private final AtomicInteger getCount = new AtomicInteger();
    private volatile long triggerAt = Long.MAX_VALUE;
    private volatile LongConsumer trigger;

    FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(threads).version(HttpClient.Version.HTTP_1_1).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Applies {@code fault} to the next {@code times} requests matching {@code match}. */
    FaultProxy inject(Predicate<Request> match, int times, Fault fault) {
        rules.add(new Rule(match, new AtomicInteger(times), fault));
        return this;
    }

    void clearFaults() {
        rules.clear();
    }

    /** Calls {@code action} once, as soon as the GET bodies forwarded in total pass {@code bytes}. */
    void onGetBytes(long bytes, LongConsumer action) {
        trigger = action;
        triggerAt = getBodyBytes.get() + bytes;
    }

    long getBodyBytes() {
        return getBodyBytes.get();
    }

    int getCount() {
        return getCount.get();
    }

    void resetCounters() {
        getBodyBytes.set(0);
        getCount.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Range"));
            Fault fault = faultFor(request);
            if (fault instanceof Status s) {
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + s.errorCode()
                        + "</Code><Message>injected</Message></Error>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(s.code(), request.method().equals("HEAD") ? -1 : body.length);
                if (!request.method().equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            if (fault instanceof Delay d) {
                sleep(d.millis());
            }
            forward(exchange, request, fault instanceof Stall st ? st : null);
        } catch (IOException | RuntimeException e) {
            // the client went away (cancel, timeout): nothing to answer
        }
    }

    private Fault faultFor(Request request) {
        for (Rule rule : rules) {
            if (rule.match().test(request) && rule.remaining().getAndDecrement() > 0) {
                return rule.fault();
            }
        }
        return null;
    }

    private void forward(HttpExchange exchange, Request request, Stall stall) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
                .method(request.method(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = client.send(out.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        var declared = response.headers().firstValueAsLong("Content-Length");
        if (request.method().equals("HEAD")) {
            declared.ifPresent(l -> exchange.getResponseHeaders().set("Content-Length", String.valueOf(l)));
        }
        boolean noBody = request.method().equals("HEAD") || declared.orElse(-1) == 0;
        // httpserver: -1 = no body, 0 = chunked (length unknown), n = fixed length
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : declared.orElse(0));
        boolean countBytes = request.method().equals("GET") && request.query() == null;
        if (countBytes) {
            getCount.incrementAndGet();
        }
        try (InputStream in = response.body(); OutputStream os = exchange.getResponseBody()) {
            byte[] buffer = new byte[16 * 1024];
            long sent = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (stall != null && sent + n > stall.afterBytes()) {
                    os.write(buffer, 0, (int) Math.max(0, stall.afterBytes() - sent));
                    os.flush();
                    sleep(stall.millis());
                    throw new IOException("stalled body dropped");
                }
                os.write(buffer, 0, n);
                sent += n;
                if (countBytes) {
                    fireTrigger(getBodyBytes.addAndGet(n));
                }
            }
        }
    }

    private void fireTrigger(long total) {
        LongConsumer action = trigger;
        if (action != null && total >= triggerAt) {
            trigger = null;
            action.accept(total);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
