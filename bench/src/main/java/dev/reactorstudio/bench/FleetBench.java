package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reactorstudio.runtime.concurrent.Scheduled;
import dev.reactorstudio.runtime.fleet.FleetCoordinator;
import dev.reactorstudio.runtime.fleet.FleetOptions;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet coordinator under a crowd: N simulated HTTP clients (the SDK's production calls:
 * POST /sessions, GET /sessions/{id} with the SDK 2.9 back-off — 200 ms doubling to 10 s — DELETE after a short
 * "stream") against M simulated runtimes (tiny HTTP servers answering the coordinator's start and
 * stop, heartbeating every second). Measured on the runtimes: the time from a runtime answering
 * "stopped" to the coordinator starting the next queued session on it (assignment latency after
 * a runtime frees up), and from the client's DELETE being sent to that start. Also queue
 * operations per second and the CPU the coordinator's threads (and redis-server) used.
 *
 * <p>Usage: {@code FleetBench [memory|redis|both] [clients=200] [runtimes=10] [seconds=20]}
 */
public final class FleetBench {
    private static final Logger LOG = LoggerFactory.getLogger(FleetBench.class);
    private static final String SECRET = "fleet-bench-secret-0123456789";
    private static final String MODEL = "bench-model";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int clients;
    private final int runtimes;
    private final Duration duration;
    private final FleetTokens tokens = new FleetTokens(SECRET);
    private final HttpClient http;

    private final List<Long> freedToStartNanos = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> deleteToStartNanos = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Long> deleteSentAt = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong lostRuntimes = new AtomicLong();
    private volatile boolean running;

    private FleetBench(int clients, int runtimes, Duration duration) {
        this.clients = clients;
        this.runtimes = runtimes;
        this.duration = duration;
        this.http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4, daemon("bench-http")))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        String which = args.length > 0 ? args[0] : "both";
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int runtimes = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        System.out.printf("fleet bench: %d clients, %d simulated runtimes, %d s per state store, %d cores%n",
                clients, runtimes, seconds, Runtime.getRuntime().availableProcessors());
        if (which.equals("redis") || which.equals("both")) {
            try (RedisProcess redis = RedisProcess.start()) {
                new FleetBench(clients, runtimes, Duration.ofSeconds(seconds)).run("redis", redis.url(), redis);
            }
        }
        if (which.equals("memory") || which.equals("both")) {
            new FleetBench(clients, runtimes, Duration.ofSeconds(seconds)).run("memory", FleetOptions.MEMORY, null);
        }
        System.exit(0);
    }

    private void run(String label, String state, RedisProcess redis) throws Exception {
        FleetCoordinator coordinator = new FleetCoordinator(FleetOptions.defaults(SECRET).withBind("127.0.0.1", 0)
                .withState(state)).start();
        String base = "http://127.0.0.1:" + coordinator.port();
        List<SimulatedRuntime> fleet = new ArrayList<>();
        for (int i = 0; i < runtimes; i++) {
            fleet.add(new SimulatedRuntime("sim-" + i, base));
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, daemon("bench-client"));
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(daemon("bench-heartbeat"));
        Scheduled.atFixedRate(beats, LOG, "Heartbeats", () -> fleet.forEach(SimulatedRuntime::heartbeat), 1, 1, TimeUnit.SECONDS);
        // Warm-up (JIT, connections), then the measured window.
        running = true;
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            new Client("client-" + i, base, scheduler, done).start(i * 5L);
        }
        Thread.sleep(3000);
        freedToStartNanos.clear();
        deleteToStartNanos.clear();
        requests.set(0);
        created.set(0);
        assigned.set(0);
        deleted.set(0);
        errors.set(0);
        lostRuntimes.set(0);
        long cpuBefore = coordinatorCpuNanos();
        long redisBefore = redis == null ? 0 : redis.cpuNanos();
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        long wall = System.nanoTime() - start;
        long cpu = coordinatorCpuNanos() - cpuBefore;
        long redisCpu = redis == null ? 0 : redis.cpuNanos() - redisBefore;
        long reqs = requests.get();
        long creates = created.get();
        long assigns = assigned.get();
        long deletes = deleted.get();
        running = false;
        done.await(30, TimeUnit.SECONDS);
        beats.shutdownNow();
        scheduler.shutdownNow();
        double seconds = wall / 1e9;
        System.out.printf("%n[%s] %d clients, %d runtimes, %.1f s measured%n", label, clients, runtimes, seconds);
        System.out.printf("  assignment after a runtime frees up (runtime answers stopped -> next start arrives): %s%n",
                percentiles(freedToStartNanos));
        System.out.printf("  client DELETE sent -> next queued session started on that runtime:              %s%n",
                percentiles(deleteToStartNanos));
        System.out.printf("  queue operations/s: %.0f (enqueue %.0f, assign %.0f, close %.0f); HTTP requests/s: %.0f; errors: %d%n",
                (creates + assigns + deletes) / seconds, creates / seconds, assigns / seconds, deletes / seconds,
                reqs / seconds, errors.get());
        System.out.printf("  heartbeats refused or late (runtime declared lost, joined again): %d%n", lostRuntimes.get());
        System.out.printf("  coordinator CPU: %.0f%% of one core (threads reactor-fleet-*, lettuce-*)%s%n",
                100.0 * cpu / wall, redis == null ? "" : String.format("; redis-server: %.0f%% of one core", 100.0 * redisCpu / wall));
        fleet.forEach(SimulatedRuntime::close);
        coordinator.close();
    }

    private static String percentiles(List<Long> samples) {
        List<Long> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        if (sorted.isEmpty()) {
            return "no samples";
        }
        Collections.sort(sorted);
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", at(sorted, 0.50), at(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1e6, sorted.size());
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }

    /** CPU time of the coordinator's own threads (HTTP, dispatch, runtime calls) and Lettuce's event loops. */
    private static long coordinatorCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().startsWith("reactor-fleet") || info.getThreadName().startsWith("lettuce"))) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    total += t;
                }
            }
        }
        return total;
    }

    /** The JS SDK 2.9's poll back-off: 200 ms, doubling, capped at 10 s. */
    private static final long POLL_CAP_MS = 10_000;

    /** One SDK-like client: create, poll with back-off until ACTIVE, hold 100-300 ms, DELETE, again. */
    private final class Client {
        private final String token;
        private final String base;
        private final ScheduledExecutorService scheduler;
        private final CountDownLatch done;
        private String sessionId;
        private long backoffMs;

        Client(String subject, String base, ScheduledExecutorService scheduler, CountDownLatch done) {
            this.token = tokens.mint(subject, Role.CLIENT, Duration.ofHours(1));
            this.base = base;
            this.scheduler = scheduler;
            this.done = done;
        }

        void start(long delayMs) {
            later(this::create, delayMs);
        }

        private void create() {
            if (!running) {
                done.countDown();
                return;
            }
            send(HttpRequest.newBuilder(URI.create(base + "/sessions")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":{\"name\":\"" + MODEL + "\"}}")), body -> {
                created.incrementAndGet();
                sessionId = body.path("session_id").asText();
                backoffMs = 200;
                later(this::poll, backoffMs);
            });
        }

        private void poll() {
            send(HttpRequest.newBuilder(URI.create(base + "/sessions/" + sessionId)).GET(), body -> {
                String state = body.path("state").asText();
                if ("ACTIVE".equals(state)) {
                    later(this::delete, 100 + (long) (Math.random() * 200));
                } else if ("CLOSED".equals(state)) {
                    errors.incrementAndGet();
                    create();
                } else {
                    backoffMs = Math.min(backoffMs * 2, POLL_CAP_MS);
                    later(this::poll, backoffMs);
                }
            });
        }

        private void delete() {
            deleteSentAt.put(sessionId, System.nanoTime());
            send(HttpRequest.newBuilder(URI.create(base + "/sessions/" + sessionId)).DELETE(), body -> {
                deleted.incrementAndGet();
                create();
            });
        }

        /** A client step after {@code delayMs}; a step that throws is logged (the client would stop unseen). */
        private void later(Runnable step, long delayMs) {
            Scheduled.once(scheduler, LOG, "Bench client step", step, delayMs, TimeUnit.MILLISECONDS);
        }

        private void send(HttpRequest.Builder request, java.util.function.Consumer<JsonNode> then) {
            requests.incrementAndGet();
            // The handler counts every failure; nothing waits on the chained future.
            var unused = http.sendAsync(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() / 100 != 2) {
                    errors.incrementAndGet();
                    later(this::create, 500);
                    return;
                }
                try {
                    then.accept(JSON.readTree(response.body()));
                } catch (IOException | RuntimeException e) {
                    errors.incrementAndGet();
                }
            });
        }
    }

    /** A runtime without a model: answers start/stop at once, heartbeats, and times its hand-overs. */
    private final class SimulatedRuntime implements AutoCloseable {
        private final String id;
        private final String base;
        private final HttpServer server;
        private volatile long freedAt;
        private volatile String previousSession = "";
        private volatile String serving = "";

        SimulatedRuntime(String id, String base) throws IOException {
            this.id = id;
            this.base = base;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setExecutor(Executors.newFixedThreadPool(2, daemon("bench-runtime-" + id)));
            server.createContext("/fleet/start", this::start);
            server.createContext("/fleet/stop", this::stop);
            server.start();
            try {
                http.send(registration(), HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private HttpRequest registration() {
            String body = JSON.createObjectNode().put("id", id).put("model", MODEL).put("version", "1")
                    .put("url", "http://127.0.0.1:" + server.getAddress().getPort()).toString();
            return HttpRequest.newBuilder(URI.create(base + "/fleet/runtimes")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.mint("runtime:" + id, Role.RUNTIME, Duration.ofMinutes(1)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        }

        private void start(HttpExchange exchange) throws IOException {
            long now = System.nanoTime();
            String session = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("session_id").asText();
            if (freedAt != 0 && running) {
                freedToStartNanos.add(now - freedAt);
                Long sent = deleteSentAt.remove(previousSession);
                if (sent != null) {
                    deleteToStartNanos.add(now - sent);
                }
            }
            assigned.incrementAndGet();
            serving = session;
            reply(exchange, "{\"session_id\":\"" + session + "-rt\",\"capabilities\":{\"protocol_version\":\"1.0\","
                    + "\"tracks\":[{\"name\":\"main_video\",\"kind\":\"video\",\"direction\":\"recvonly\"}]}}");
        }

        private void stop(HttpExchange exchange) throws IOException {
            String session = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("session_id").asText();
            previousSession = session;
            serving = "";
            freedAt = System.nanoTime();
            reply(exchange, "{\"stopped\":true}");
        }

        void heartbeat() {
            String body = JSON.createObjectNode().put("serving", serving).toString();
            // The handler counts every failure; nothing waits on the chained future.
            var unused = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/fleet/runtimes/" + id + "/heartbeat"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.mint("runtime:" + id, Role.RUNTIME, Duration.ofMinutes(1)))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200) {
                            errors.incrementAndGet();
                            lostRuntimes.incrementAndGet();
                        }
                        if (r != null && r.statusCode() == 404) {
                            // Declared lost (the coordinator fell behind): join again, as a real runtime does.
                            serving = "";
                            http.sendAsync(registration(), HttpResponse.BodyHandlers.discarding()).exceptionally(failure -> {
                                errors.incrementAndGet();
                                return null;
                            });
                        }
                    });
        }

        private static void reply(HttpExchange exchange, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** redis-server on a free loopback port, no persistence; CPU read from /proc. */
    private static final class RedisProcess implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;

        private RedisProcess(Process process, int port, Path dir) {
            this.process = process;
            this.port = port;
            this.dir = dir;
        }

        static RedisProcess start() throws Exception {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Path dir = Files.createTempDirectory("reactor-bench-redis-");
            Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--dir", dir.toString(), "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            for (int i = 0; i < 200; i++) {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return new RedisProcess(process, port, dir);
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("redis-server did not start (is it installed? apt-get install redis-server)");
        }

        String url() {
            return "redis://127.0.0.1:" + port + "/0";
        }

        long cpuNanos() {
            try {
                String[] stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat")).split("\\) ")[1].split(" ");
                long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                return ticks * 10_000_000L; // USER_HZ = 100 on Linux
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
