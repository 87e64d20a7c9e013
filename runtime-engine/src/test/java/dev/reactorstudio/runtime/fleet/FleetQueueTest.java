package dev.reactorstudio.runtime.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fleet end to end over HTTP: real coordinators, three {@code hello-pattern} runtimes in
 * their own JVMs (joined with the shared secret), five clients. First one memory-state
 * coordinator, then two coordinators on one real Redis. The runtimes are started once and join
 * "any of A, B", as they would behind a list of coordinators.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetQueueTest {
    private static final String SECRET = "fleet-queue-test-secret-0123";
    private static final String MODEL = "hello-pattern";
    private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration ASSIGN_BOUND = Duration.ofSeconds(3);
    private static final FleetTokens TOKENS = new FleetTokens(SECRET);
    private static final String ADMIN = TOKENS.mint("admin", Role.CLIENT, Duration.ofHours(1));

    private static RedisServer redis;
    private static final List<RuntimeProcess> runtimes = new ArrayList<>();
    private static int portA;
    private static int portB;
    private static String join;
    private static int nextRuntime = 1;

    /** A client: its own token subject and the session it created. */
    private record Client(String token, String sessionId) {
    }

    private final List<Client> clients = new ArrayList<>();

    @BeforeAll
    static void startRedisAndRuntimes() throws Exception {
        redis = RedisServer.start();
        portA = freePort();
        portB = freePort();
        join = "http://127.0.0.1:" + portA + ",http://127.0.0.1:" + portB;
        for (int i = 0; i < 3; i++) {
            runtimes.add(RuntimeProcess.start("rt-" + nextRuntime++, join, SECRET));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (RuntimeProcess runtime : runtimes) {
            runtime.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void oneMemoryCoordinatorQueuesFifoAssignsOnDeleteAndSurvivesAKilledRuntime() throws Exception {
        try (FleetCoordinator a = coordinator(portA, FleetOptions.MEMORY)) {
            String base = url(portA);
            RuntimeProcess.awaitRegistered(base, ADMIN, runtimes, JOIN_TIMEOUT);
            singleCoordinatorScenario(base, base);
            modelsDoNotShareRuntimes(base);
            endAll(base);
        }
        replaceDeadRuntimes();
    }

    @Test
    @Order(2)
    void twoCoordinatorsOnRedisServeOneQueueAndSurviveAStopAndARestart() throws Exception {
        FleetCoordinator a = coordinator(portA, redis.url());
        FleetCoordinator b = coordinator(portB, redis.url());
        String baseA = url(portA);
        String baseB = url(portB);
        try {
            RuntimeProcess.awaitRegistered(baseB, ADMIN, runtimes, JOIN_TIMEOUT);
            // Created through A, read through B: one queue.
            singleCoordinatorScenario(baseA, baseB);

            // Both live runtimes are busy now; two more clients queue through A.
            Client sixth = create(baseA);
            Client seventh = create(baseA);
            a.close();
            a = null;
            assertThat(position(baseB, sixth)).as("B answers for A's queue").isEqualTo(1);
            assertThat(position(baseB, seventh)).isEqualTo(2);
            // The runtimes that heartbeated to A move to B: none is declared lost.
            Thread.sleep(5000);
            pollWaiting(baseB);
            JsonNode fleet = FleetHttp.get(baseB + "/fleet", ADMIN).body();
            long live = 0;
            for (JsonNode r : fleet.path("runtimes")) {
                if (!"lost".equals(r.path("state").asText())) {
                    live++;
                }
            }
            assertThat(live).as("runtimes after A stopped: " + fleet).isEqualTo(runtimes.stream().filter(RuntimeProcess::alive).count());

            // A restarted coordinator picks the state up from Redis.
            a = coordinator(portA, redis.url());
            assertThat(position(baseA, sixth)).isEqualTo(1);
            assertThat(position(baseA, seventh)).isEqualTo(2);
            Client active = clients.get(3);
            assertThat(state(baseA, active)).isEqualTo("ACTIVE");
            FleetHttp.send("DELETE", baseA + "/sessions/" + active.sessionId(), active.token(), null);
            awaitTrue(Duration.ofSeconds(20), () -> "ACTIVE".equals(state(baseB, sixth)), baseB, "sixth client streams");
            assertThat(position(baseA, seventh)).isEqualTo(1);
            endAll(baseA);
        } finally {
            if (a != null) {
                a.close();
            }
            b.close();
        }
    }

    /**
     * Five clients on three runtimes: three assigned in order, two waiting at 1 and 2; a DELETE
     * assigns position 1 within 1 s; kill -9 of a busy runtime closes its session and the fleet
     * keeps serving.
     */
    private void singleCoordinatorScenario(String create, String read) throws Exception {
        for (int i = 0; i < 5; i++) {
            create(create);
        }
        awaitTrue(Duration.ofSeconds(60), () -> clients.subList(0, 3).stream().allMatch(c -> "ACTIVE".equals(state(read, c))),
                read, "the first three clients are ACTIVE");
        for (Client c : clients.subList(0, 3)) {
            JsonNode session = FleetHttp.get(read + "/sessions/" + c.sessionId(), c.token()).body();
            assertThat(session.path("selected_transport").path("protocol").asText()).isEqualTo("webrtc");
            assertThat(session.path("capabilities").path("tracks").get(0).path("name").asText()).isEqualTo("main_video");
        }
        assertThat(position(read, clients.get(3))).as(() -> describe(read)).isEqualTo(1);
        assertThat(position(read, clients.get(4))).as(() -> describe(read)).isEqualTo(2);
        assertThat(position(create, clients.get(4))).isEqualTo(2);
        assertThat(busySessions(read)).containsExactlyInAnyOrder(clients.get(0).sessionId(), clients.get(1).sessionId(),
                clients.get(2).sessionId());

        // The transport routes reach the assigned runtime through the coordinator.
        FleetHttp.Reply ice = FleetHttp.get(read + "/sessions/" + clients.get(0).sessionId() + "/transport/webrtc/ice_servers",
                clients.get(0).token());
        assertThat(ice.status()).as(ice.body().toString()).isEqualTo(200);
        assertThat(ice.body().has("ice_servers")).isTrue();

        // DELETE the first: position 1 is given the freed runtime at once (the issue asks for 1 s; the bound here
        // is looser for loaded CI machines — bench/run.sh fleet measures the real latency).
        Instant deleted = Instant.now();
        assertThat(FleetHttp.send("DELETE", create + "/sessions/" + clients.get(0).sessionId(), clients.get(0).token(), null)
                .status()).isEqualTo(200);
        awaitTrue(ASSIGN_BOUND, () -> busySessions(read).contains(clients.get(3).sessionId()), read,
                "the fourth client is given the freed runtime");
        System.out.println("fleet: DELETE -> next assigned in " + Duration.between(deleted, Instant.now()).toMillis() + " ms");
        assertThat(position(read, clients.get(4))).isEqualTo(1);
        awaitTrue(Duration.ofSeconds(20), () -> "ACTIVE".equals(state(read, clients.get(3))), read, "the fourth client is ACTIVE");

        // kill -9 the runtime serving the second client.
        String victimId = runtimeServing(read, clients.get(1).sessionId());
        RuntimeProcess victim = runtimes.stream().filter(r -> r.id().equals(victimId)).findFirst().orElseThrow();
        victim.killHard();
        awaitTrue(Duration.ofSeconds(20), () -> "CLOSED".equals(state(read, clients.get(1))), read,
                "the killed runtime's session is CLOSED");
        assertThat(FleetHttp.get(read + "/sessions/" + clients.get(1).sessionId(), clients.get(1).token()).body()
                .path("reason").asText()).contains("lost");
        assertThat(runtimeState(read, victimId)).isEqualTo("lost");
        assertThat(position(read, clients.get(4))).as("no runtime is free yet").isEqualTo(1);

        // The fleet keeps serving: the third client leaves, the fifth streams on its runtime.
        FleetHttp.send("DELETE", create + "/sessions/" + clients.get(2).sessionId(), clients.get(2).token(), null);
        awaitTrue(Duration.ofSeconds(20), () -> "ACTIVE".equals(state(read, clients.get(4))), read, "the fifth client is ACTIVE");
    }

    private void modelsDoNotShareRuntimes(String base) throws InterruptedException {
        Client other = create(base, "other-model");
        Client fourth = clients.get(3);
        FleetHttp.send("DELETE", base + "/sessions/" + fourth.sessionId(), fourth.token(), null);
        awaitTrue(Duration.ofSeconds(20), () -> idleRuntimes(base) >= 1, base, "a hello-pattern runtime is idle");
        Thread.sleep(500);
        assertThat(state(base, other)).as("an idle runtime of another model is never given to it").isEqualTo("WAITING");
        assertThat(position(base, other)).isEqualTo(1);
    }

    private String describe(String base) {
        StringBuilder text = new StringBuilder("fleet: ").append(FleetHttp.get(base + "/fleet", ADMIN).body());
        for (Client c : clients) {
            text.append("\n").append(FleetHttp.get(base + "/sessions/" + c.sessionId(), c.token()).body());
        }
        return text.toString();
    }

    private Client create(String base) {
        return create(base, MODEL);
    }

    private Client create(String base, String model) {
        String token = TOKENS.mint("client-" + (clients.size() + 1), Role.CLIENT, Duration.ofHours(1));
        FleetHttp.Reply reply = FleetHttp.createSession(base, token, model);
        assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
        assertThat(reply.body().path("state").asText()).isEqualTo("WAITING");
        Client client = new Client(token, reply.body().path("session_id").asText());
        clients.add(client);
        return client;
    }

    private static String state(String base, Client c) {
        return FleetHttp.get(base + "/sessions/" + c.sessionId(), c.token()).body().path("state").asText();
    }

    private static long position(String base, Client c) {
        return FleetHttp.get(base + "/sessions/" + c.sessionId(), c.token()).body().path("queue_position").asLong(0);
    }

    private static List<String> busySessions(String base) {
        List<String> busy = new ArrayList<>();
        for (JsonNode r : FleetHttp.get(base + "/fleet", ADMIN).body().path("runtimes")) {
            if ("busy".equals(r.path("state").asText())) {
                busy.add(r.path("session_id").asText());
            }
        }
        return busy;
    }

    private static long idleRuntimes(String base) {
        long idle = 0;
        for (JsonNode r : FleetHttp.get(base + "/fleet", ADMIN).body().path("runtimes")) {
            if ("idle".equals(r.path("state").asText())) {
                idle++;
            }
        }
        return idle;
    }

    private static String runtimeServing(String base, String sessionId) {
        for (JsonNode r : FleetHttp.get(base + "/fleet", ADMIN).body().path("runtimes")) {
            if (sessionId.equals(r.path("session_id").asText())) {
                return r.path("id").asText();
            }
        }
        throw new AssertionError("no runtime serves " + sessionId);
    }

    private static String runtimeState(String base, String id) {
        for (JsonNode r : FleetHttp.get(base + "/fleet", ADMIN).body().path("runtimes")) {
            if (id.equals(r.path("id").asText())) {
                return r.path("state").asText();
            }
        }
        return "absent";
    }

    /** Waiting clients poll, as the SDK does; otherwise they would leave the queue after 30 s. */
    private void pollWaiting(String base) {
        for (Client c : clients) {
            FleetHttp.get(base + "/sessions/" + c.sessionId(), c.token());
        }
    }

    private void awaitTrue(Duration timeout, BooleanSupplier condition, String base, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " — not within " + timeout.toMillis() + " ms; fleet: "
                        + FleetHttp.get(base + "/fleet", ADMIN).body());
            }
            pollWaiting(base);
            Thread.sleep(20);
        }
    }

    private void endAll(String base) throws InterruptedException {
        for (Client c : clients) {
            FleetHttp.send("DELETE", base + "/sessions/" + c.sessionId(), c.token(), null);
        }
        long alive = runtimes.stream().filter(RuntimeProcess::alive).count();
        awaitTrue(Duration.ofSeconds(30), () -> idleRuntimes(base) == alive, base, "every live runtime is idle again");
        clients.clear();
    }

    private static void replaceDeadRuntimes() throws Exception {
        for (int i = 0; i < runtimes.size(); i++) {
            if (!runtimes.get(i).alive()) {
                runtimes.get(i).close();
                runtimes.set(i, RuntimeProcess.start("rt-" + nextRuntime++, join, SECRET));
            }
        }
    }

    private static FleetCoordinator coordinator(int port, String state) {
        return new FleetCoordinator(FleetOptions.defaults(SECRET).withBind("127.0.0.1", port).withState(state)).start();
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
