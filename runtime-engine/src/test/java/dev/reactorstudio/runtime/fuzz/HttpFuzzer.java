package dev.reactorstudio.runtime.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.guard.ServedRoute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Hostile HTTP requests against the routes a server reports ({@link ServedRoute}): right and
 * wrong methods, odd paths and query strings, JSON bodies of every wrong shape and type, bodies
 * cut short or around the size limit, odd content types and encodings, allowed and foreign
 * origins, good and bad tokens. Every answer must be a 2xx or 4xx carrying a reason (a JSON
 * {@code {"detail": ...}}, or plain text where a route's protocol says so), never a 5xx or a
 * hang. Bodies of a route's expected shape come from {@link Target#templates()} and are
 * mutated, so handlers get past their first check.
 */
final class HttpFuzzer {
    /**
     * A server under test.
     *
     * @param authorizations {@code Authorization} header values to choose from (null: none)
     * @param templates      plausible JSON bodies by route path, mutated per case
     * @param plainText      routes whose answers are not JSON by their protocol (a page, metrics, LiveKit's validate)
     */
    record Target(String name, String host, int port, List<ServedRoute> routes, List<String> authorizations,
                  Map<String, List<String>> templates, Predicate<ServedRoute> plainText) {
    }

    /** What a run saw: cases, answers by status, failures (each naming its replay). */
    record Result(int cases, Map<Integer, Integer> statuses, Map<String, Integer> perRoute, List<String> failures,
                  double seconds) {
        double rate() {
            return cases / Math.max(seconds, 1e-9);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> OTHER_METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD",
            "OPTIONS", "TRACE", "QUERY", "PROPFIND", "get", "X-FUZZ");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/octet-stream", "a/b/c;;;=", "application/json; charset=nope");
    private static final List<String> ORIGINS = List.of("http://localhost:5173", "http://127.0.0.1:8080",
            "http://[::1]:3000", "https://localhost");
    private static final List<String> ODD_ORIGINS = List.of("null", "http://evil.example.com", "http://localhost.evil.com",
            "http://127.0.0.1.nip.io", "file://", "http://[::1", "ht!tp://x", "");
    private static final List<String> PARAM_JUNK = List.of("", "x", "..", "%2e%2e%2f", "%00", "%ZZ", "null", "-1",
            "99999999999999999999", "%C3%BC", "%F0%9F%98%80", "a%2Fb", "%20", "{sid}", "*", "~", "!$&'()*+,;=");
    private static final List<String> QUERIES = List.of("", "?", "?a=1&a=2", "?%zz=1", "?=&=&&", "?access_token=",
            "?access_token=x.y.z", "?x=%00", "?sdk=js&version=2.23.0&protocol=16&auto_subscribe=1", "?join_request=%%%",
            "?join_request=AAAA", "?" + "q=1&".repeat(500));

    private final List<Target> targets;
    private final Deque<String> knownIds = new ArrayDeque<>();

    HttpFuzzer(List<Target> targets) {
        this.targets = targets;
    }

    Result run(FuzzRun run, int maxFailures) {
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> perRoute = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        int cases = 0;
        for (int i = 0; i < run.iterations() && failures.size() < maxFailures; i++) {
            Random random = run.caseRandom(i);
            Target target = targets.get(random.nextInt(targets.size()));
            ServedRoute route = random.nextInt(10) == 0 ? null : target.routes().get(random.nextInt(target.routes().size()));
            FuzzCase fuzzCase = make(random, target, route);
            cases++;
            RawHttp.Reply reply;
            try {
                reply = RawHttp.exchange(target.host(), target.port(), fuzzCase.request(), TIMEOUT);
            } catch (IOException | RuntimeException e) {
                failures.add(run.replay(i) + ": " + target.name() + " " + fuzzCase.request().summary() + ": no answer: " + e);
                continue;
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            if (route != null) {
                perRoute.merge(target.name() + " " + route + (fuzzCase.ownMethod() ? "" : " (other method)"), 1, Integer::sum);
            }
            String problem = problem(target, route, fuzzCase, reply);
            if (problem != null) {
                failures.add(run.replay(i) + ": " + target.name() + " " + fuzzCase.request().summary() + " -> "
                        + reply.status() + " " + reply.headers().getOrDefault("content-type", "(no content type)")
                        + ": " + problem + ": " + abbreviate(reply.text(), 300));
            }
        }
        return new Result(cases, statuses, perRoute, failures, (System.nanoTime() - started) / 1e9);
    }

    private record FuzzCase(RawHttp.Request request, String method, boolean ownMethod, boolean upgrade) {
    }

    private FuzzCase make(Random random, Target target, ServedRoute route) {
        String method;
        boolean own = route != null && random.nextInt(10) < 7;
        boolean upgrade = false;
        if (route != null && route.isWebSocket()) {
            method = own ? "GET" : OTHER_METHODS.get(random.nextInt(OTHER_METHODS.size()));
            upgrade = own && random.nextBoolean();
        } else if (own) {
            method = route.method();
        } else {
            method = OTHER_METHODS.get(random.nextInt(OTHER_METHODS.size()));
        }
        String path = route == null ? junkPath(random) : fill(route.path(), random);
        path = oddPath(path, random) + QUERIES.get(random.nextInt(QUERIES.size()));

        Map<String, String> headers = new LinkedHashMap<>();
        switch (random.nextInt(20)) {
            case 0 -> { } // no Host: HTTP/1.1 requires one
            case 1 -> headers.put("Host", "evil.example.com");
            case 2 -> headers.put("Host", "localhost:" + target.port());
            default -> headers.put("Host", target.host() + ":" + target.port());
        }
        int originKind = random.nextInt(10);
        if (originKind < 3) {
            headers.put("Origin", ORIGINS.get(random.nextInt(ORIGINS.size())));
        } else if (originKind == 3) {
            headers.put("Origin", ODD_ORIGINS.get(random.nextInt(ODD_ORIGINS.size())));
        }
        if ("OPTIONS".equals(method) && random.nextBoolean()) {
            headers.put("Access-Control-Request-Method", random.nextBoolean() ? "POST" : "DELETE");
            headers.put("Access-Control-Request-Headers", "content-type, authorization");
            headers.put("Access-Control-Request-Private-Network", "true");
        }
        String authorization = target.authorizations().get(random.nextInt(target.authorizations().size()));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (random.nextInt(8) == 0) {
            headers.put("Accept-Encoding", List.of("gzip", "gzip, deflate, br", "*", "identity;q=0", "x").get(random.nextInt(5)));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Accept", List.of("text/html", "application/xml", "*/*", "application/json;q=0").get(random.nextInt(4)));
        }
        if (upgrade) {
            headers.put("Connection", "Upgrade");
            headers.put("Upgrade", "websocket");
            headers.put("Sec-WebSocket-Version", random.nextInt(5) == 0 ? "8" : "13");
            byte[] key = new byte[16];
            random.nextBytes(key);
            headers.put("Sec-WebSocket-Key", random.nextInt(5) == 0 ? "not base64!" : Base64.getEncoder().encodeToString(key));
        } else {
            headers.put("Connection", "close");
        }

        byte[] body = body(random, target, route);
        boolean halfClose = false;
        boolean chunked = false;
        if (body != null) {
            if (random.nextInt(4) > 0) {
                headers.put("Content-Type", CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())));
            }
            if (random.nextInt(12) == 0) {
                headers.put("Content-Encoding", random.nextBoolean() ? "gzip" : "br");
                if (random.nextBoolean()) {
                    body = gzip(body);
                }
            }
            int lengthKind = random.nextInt(20);
            if (lengthKind == 0) {
                // Announces more than it sends, then closes its side: the server sees the body end early.
                headers.put("Content-Length", Integer.toString(body.length + 1 + random.nextInt(1000)));
                halfClose = true;
            } else if (lengthKind == 1) {
                chunked = true;
                headers.put("Transfer-Encoding", "chunked");
            } else if (lengthKind == 2) {
                headers.put("Content-Length", random.nextBoolean() ? "-1" : "12abc");
            } else {
                headers.put("Content-Length", Integer.toString(body.length));
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String version = random.nextInt(40) == 0 ? "HTTP/1.0" : "HTTP/1.1";
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ').append(version).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            if (chunked) {
                int at = 0;
                while (at < body.length) {
                    int n = Math.min(body.length - at, 1 + random.nextInt(64 * 1024));
                    bytes.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    bytes.write(body, at, n);
                    bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    at += n;
                }
                bytes.writeBytes((random.nextInt(10) == 0 ? "zz\r\n\r\n" : "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            } else {
                bytes.writeBytes(body);
            }
        }
        Map<String, String> shown = new LinkedHashMap<>(headers);
        shown.remove("Connection");
        String summary = method + " " + abbreviate(path, 120) + " " + version + (upgrade ? " (upgrade)" : "")
                + " " + abbreviate(shown.toString(), 300)
                + (body == null ? "" : " body " + body.length + " B " + headers.getOrDefault("Content-Type", "(untyped)")
                + (chunked ? " chunked" : "") + (halfClose ? " cut short" : "") + ": " + abbreviate(
                        new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8), 120));
        return new FuzzCase(new RawHttp.Request(bytes.toByteArray(), halfClose, summary), method, own, upgrade);
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    private String problem(Target target, ServedRoute route, FuzzCase fuzzCase, RawHttp.Reply reply) {
        int status = reply.status();
        if (status == 101) {
            return fuzzCase.upgrade() ? null : "switched protocols without being asked to";
        }
        if (status >= 500) {
            return "a server error";
        }
        if (status < 200 || (status >= 300 && status < 400)) {
            return "unexpected status";
        }
        if ("HEAD".equals(fuzzCase.method()) || status == 204 || status == 304) {
            return null;
        }
        byte[] body = reply.body();
        if ("gzip".equalsIgnoreCase(reply.header("content-encoding"))) {
            try {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            } catch (IOException e) {
                return "gzip body does not decompress: " + e;
            }
        }
        String type = reply.headers().getOrDefault("content-type", "");
        boolean plain = (route != null && route.method().equals(fuzzCase.method()) && target.plainText().test(route))
                || (route != null && route.isWebSocket() && target.plainText().test(route));
        if (plain && !type.startsWith("application/json")) {
            return new String(body, StandardCharsets.UTF_8).isBlank() ? "empty body" : null;
        }
        if (!type.startsWith("application/json")) {
            return "not JSON";
        }
        JsonNode json;
        try {
            json = FuzzJson.JSON.readTree(body);
        } catch (IOException e) {
            return "body is not valid JSON: " + e.getMessage();
        }
        if (json == null) {
            return "empty JSON body";
        }
        if (status >= 400 && !(json.path("detail").isTextual() && !json.path("detail").asText().isBlank())) {
            return "a refusal without a reason (no \"detail\")";
        }
        harvestIds(json);
        return null;
    }

    /** Ids the servers hand out (sessions, uploads) become path parameters of later cases. */
    private void harvestIds(JsonNode json) {
        if (!json.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().endsWith("id") && field.getValue().isTextual() && field.getValue().asText().length() < 200
                    && !knownIds.contains(field.getValue().asText())) {
                knownIds.addFirst(field.getValue().asText());
                if (knownIds.size() > 16) {
                    knownIds.removeLast();
                }
            }
        }
    }

    private String fill(String pattern, Random random) {
        StringBuilder path = new StringBuilder();
        int at = 0;
        while (at < pattern.length()) {
            char c = pattern.charAt(at);
            if (c == '{' || c == '<') {
                int end = pattern.indexOf(c == '{' ? '}' : '>', at);
                path.append(parameter(random));
                at = end + 1;
            } else {
                path.append(c);
                at++;
            }
        }
        return path.toString();
    }

    private String parameter(Random random) {
        if (!knownIds.isEmpty() && random.nextInt(3) > 0) {
            return List.copyOf(knownIds).get(random.nextInt(knownIds.size()));
        }
        return random.nextInt(8) == 0 ? "x".repeat(2_000 + random.nextInt(6_000)) : PARAM_JUNK.get(random.nextInt(PARAM_JUNK.size()));
    }

    private static String junkPath(Random random) {
        return List.of("/nope", "/", "//", "/health/", "/HEALTH", "/sessions", "/sessions/", "/fleet/runtimes/x/heartbeat/y",
                "/rtc/v2", "/static/../../etc/passwd", "/%2e%2e/%2e%2e/", "/index.html", "/favicon.ico", "/api/v1/x",
                "/metrics/x", "/" + "a/".repeat(200), "/ws/x", "*").get(random.nextInt(18));
    }

    private static String oddPath(String path, Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> path + "/";
            case 1 -> "/" + path;
            case 2 -> path.replace("/", "//");
            case 3 -> path + "%";
            case 4 -> path + "/..;/health";
            case 5 -> path + "#frag";
            case 6 -> "http://127.0.0.1" + path;
            default -> path;
        };
    }

    /** Null for no body; else JSON of the route's shape (mutated), random JSON, broken JSON or bytes, some around the size limit. */
    private static byte[] body(Random random, Target target, ServedRoute route) {
        int kind = random.nextInt(100);
        if (kind < 12) {
            return null;
        }
        List<String> templates = route == null ? List.of() : target.templates().getOrDefault(route.path(), List.of());
        String valid = templates.isEmpty() ? FuzzJson.text(FuzzJson.value(random, 3))
                : mutate(templates.get(random.nextInt(templates.size())), random);
        if (kind < 55) {
            return valid.getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 70) {
            return FuzzJson.text(FuzzJson.value(random, 4)).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 88) {
            return FuzzJson.broken(random, valid).getBytes(StandardCharsets.UTF_8);
        }
        if (kind < 92) {
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            return bytes;
        }
        if (kind < 95) {
            return valid.getBytes(StandardCharsets.UTF_16);
        }
        // Around the 1 MiB JSON limit: just under, at, just over, far over.
        int limit = 1024 * 1024;
        int size = List.of(limit - 1, limit, limit + 1, 4 * limit).get(random.nextInt(4));
        String prefix = "{\"name\":\"";
        String suffix = "\"}";
        return (prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    /** One to three changes to a plausible body: a value replaced by one of another type, a key removed or added. */
    private static String mutate(String template, Random random) {
        JsonNode tree;
        try {
            tree = FuzzJson.JSON.readTree(template);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad template " + template, e);
        }
        int steps = random.nextInt(4);
        for (int s = 0; s < steps; s++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(tree, containers);
            if (containers.isEmpty()) {
                break;
            }
            JsonNode target = containers.get(random.nextInt(containers.size()));
            if (target instanceof ObjectNode object) {
                List<String> keys = new ArrayList<>();
                object.fieldNames().forEachRemaining(keys::add);
                if (keys.isEmpty() || random.nextInt(4) == 0) {
                    object.set(FuzzJson.key(random), FuzzJson.value(random, 2));
                } else if (random.nextInt(3) == 0) {
                    object.remove(keys.get(random.nextInt(keys.size())));
                } else {
                    object.set(keys.get(random.nextInt(keys.size())), FuzzJson.value(random, 2));
                }
            } else if (target instanceof ArrayNode array) {
                array.add(FuzzJson.value(random, 2));
            }
        }
        return FuzzJson.text(tree);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static String abbreviate(String text, int max) {
        String oneLine = text.replaceAll("[\\r\\n]+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
