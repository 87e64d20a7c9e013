package dev.reactorstudio.runtime.fleet;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.Range;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fleet state in Redis ({@code --state redis://HOST:PORT[/DB]}), through Lettuce: every
 * coordinator on the same Redis serves the same queue, and a restarted coordinator finds it
 * intact. Writes that must not interleave are Lua scripts ({@link RedisScripts}); reads are
 * plain commands. One thread-safe connection, shared by the coordinator's threads.
 */
public final class RedisFleetState implements FleetState {
    public static final String DEFAULT_PREFIX = "reactor:fleet:";
    private static final String[] NO_KEYS = new String[0];

    private final String prefix;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final Map<String, String> shas = new ConcurrentHashMap<>();

    public RedisFleetState(String url) {
        this(url, DEFAULT_PREFIX);
    }

    /** @param prefix key prefix, so several fleets (or tests) can share one Redis */
    public RedisFleetState(String url, String prefix) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(Duration.ofSeconds(3));
        this.prefix = prefix;
        this.client = RedisClient.create(uri);
        try {
            this.connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw new IllegalStateException("cannot reach Redis at " + url + " — is redis-server running? ("
                    + e.getMessage() + ")", e);
        }
        this.redis = connection.sync();
    }

    // As Lettuce's own evalsha: the script's output type decides the result's Java type.
    @SuppressWarnings("TypeParameterUnusedInFormals")
    private <T> T run(String script, ScriptOutputType type, Object... args) {
        String[] values = new String[args.length + 1];
        values[0] = prefix;
        for (int i = 0; i < args.length; i++) {
            values[i + 1] = String.valueOf(args[i]);
        }
        String sha = shas.computeIfAbsent(script, redis::scriptLoad);
        try {
            return redis.evalsha(sha, type, NO_KEYS, values);
        } catch (RedisNoScriptException e) {
            // Redis restarted (or SCRIPT FLUSH): load it again.
            shas.put(script, redis.scriptLoad(script));
            return redis.evalsha(shas.get(script), type, NO_KEYS, values);
        }
    }

    @Override
    public long enqueue(String sessionId, String model, String subject, long nowMs) {
        Long position = run(RedisScripts.ENQUEUE, ScriptOutputType.INTEGER, sessionId, model, subject, nowMs);
        return position;
    }

    @Override
    public Optional<SessionEntry> session(String sessionId) {
        Map<String, String> h = redis.hgetall(prefix + "sess:" + sessionId);
        return h.isEmpty() ? Optional.empty() : Optional.of(sessionOf(sessionId, h));
    }

    private static SessionEntry sessionOf(String id, Map<String, String> h) {
        return new SessionEntry(id, h.getOrDefault("model", ""), h.getOrDefault("sub", ""),
                h.getOrDefault("state", SessionEntry.CLOSED), parseLong(h.get("created")), h.getOrDefault("runtime", ""),
                h.getOrDefault("rsid", ""), h.getOrDefault("caps", ""), h.getOrDefault("reason", ""));
    }

    @Override
    public long position(String sessionId) {
        String model = redis.hget(prefix + "sess:" + sessionId, "model");
        if (model == null) {
            return 0;
        }
        Long rank = redis.zrank(prefix + "queue:" + model, sessionId);
        return rank == null ? 0 : rank + 1;
    }

    @Override
    public void touch(String sessionId, long nowMs) {
        redis.zadd(prefix + "polls", io.lettuce.core.ZAddArgs.Builder.xx(), (double) nowMs, sessionId);
    }

    @Override
    public Optional<Poll> poll(String sessionId, String subject, long nowMs) {
        List<Object> fields = run(RedisScripts.POLL, ScriptOutputType.MULTI, sessionId, subject, nowMs);
        if (isNil(fields)) {
            return Optional.empty();
        }
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            h.put(str(fields.get(i)), str(fields.get(i + 1)));
        }
        return Optional.of(new Poll(sessionOf(sessionId, h), parseLong(h.get("_position"))));
    }

    @Override
    public Set<String> waitingModels() {
        Set<String> waiting = new TreeSet<>();
        for (String model : redis.smembers(prefix + "models")) {
            if (redis.zcard(prefix + "queue:" + model) > 0) {
                waiting.add(model);
            }
        }
        return waiting;
    }

    @Override
    public Optional<Assignment> assign(String model, long nowMs) {
        List<Object> result = run(RedisScripts.ASSIGN, ScriptOutputType.MULTI, model, nowMs);
        if (isNil(result) || result.size() < 4) {
            return Optional.empty();
        }
        return Optional.of(new Assignment(str(result.get(0)), str(result.get(1)), str(result.get(2)),
                parseLong(str(result.get(3)))));
    }

    @Override
    public boolean activate(String sessionId, String runtimeId, String runtimeSession, String capabilities) {
        Long ok = run(RedisScripts.ACTIVATE, ScriptOutputType.INTEGER, sessionId, runtimeId, runtimeSession, capabilities);
        return ok != null && ok == 1;
    }

    @Override
    public void requeue(String sessionId, long nowMs) {
        run(RedisScripts.REQUEUE, ScriptOutputType.INTEGER, sessionId, nowMs);
    }

    @Override
    public Optional<SessionEntry> close(String sessionId, String reason, long nowMs) {
        List<Object> before = run(RedisScripts.CLOSE, ScriptOutputType.MULTI, sessionId, reason, nowMs);
        if (isNil(before)) {
            return Optional.empty();
        }
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < before.size(); i += 2) {
            h.put(str(before.get(i)), str(before.get(i + 1)));
        }
        return Optional.of(sessionOf(sessionId, h));
    }

    @Override
    public boolean freeRuntime(String runtimeId, String sessionId) {
        Long ok = run(RedisScripts.FREE, ScriptOutputType.INTEGER, runtimeId, sessionId);
        return ok != null && ok == 1;
    }

    @Override
    public Optional<String> register(RuntimeEntry runtime, long nowMs) {
        String closed = run(RedisScripts.REGISTER, ScriptOutputType.VALUE, runtime.id(), runtime.model(),
                runtime.version(), runtime.url(), nowMs);
        return Optional.ofNullable(closed);
    }

    @Override
    public Optional<RuntimeEntry> heartbeat(String runtimeId, long nowMs) {
        List<Object> fields = run(RedisScripts.HEARTBEAT, ScriptOutputType.MULTI, runtimeId, nowMs);
        if (isNil(fields)) {
            return Optional.empty();
        }
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < fields.size(); i += 2) {
            h.put(str(fields.get(i)), str(fields.get(i + 1)));
        }
        return Optional.of(runtimeOf(runtimeId, h));
    }

    @Override
    public Optional<String> markLost(String runtimeId, long nowMs) {
        return Optional.ofNullable(run(RedisScripts.RETIRE, ScriptOutputType.VALUE, runtimeId, nowMs, "0"));
    }

    @Override
    public Optional<String> deregister(String runtimeId, long nowMs) {
        return Optional.ofNullable(run(RedisScripts.RETIRE, ScriptOutputType.VALUE, runtimeId, nowMs, "1"));
    }

    @Override
    public List<String> silentRuntimes(long cutoffMs) {
        return redis.zrangebyscore(prefix + "heartbeats", Range.create(Double.NEGATIVE_INFINITY, (double) cutoffMs - 1));
    }

    @Override
    public List<String> silentWaiting(long cutoffMs) {
        return redis.zrangebyscore(prefix + "polls", Range.create(Double.NEGATIVE_INFINITY, (double) cutoffMs - 1));
    }

    @Override
    public Optional<RuntimeEntry> runtime(String runtimeId) {
        Map<String, String> h = redis.hgetall(prefix + "rt:" + runtimeId);
        return h.isEmpty() ? Optional.empty() : Optional.of(runtimeOf(runtimeId, h));
    }

    @Override
    public List<RuntimeEntry> runtimes() {
        List<RuntimeEntry> all = new ArrayList<>();
        for (String id : new TreeSet<>(redis.smembers(prefix + "runtimes"))) {
            Optional<RuntimeEntry> runtime = runtime(id);
            if (runtime.isPresent()) {
                all.add(runtime.get());
            } else {
                redis.srem(prefix + "runtimes", id); // a lost runtime's hash expired
            }
        }
        return all;
    }

    @Override
    public List<QueueEntry> queue() {
        List<QueueEntry> all = new ArrayList<>();
        for (String model : new TreeSet<>(redis.smembers(prefix + "models"))) {
            long position = 0;
            for (ScoredValue<String> waiting : redis.zrangeWithScores(prefix + "queue:" + model, 0, -1)) {
                String id = waiting.getValue();
                all.add(new QueueEntry(id, model, ++position, parseLong(redis.hget(prefix + "sess:" + id, "created"))));
            }
        }
        return all;
    }

    @Override
    public void ping() {
        redis.ping();
    }

    private static RuntimeEntry runtimeOf(String id, Map<String, String> h) {
        return new RuntimeEntry(id, h.getOrDefault("model", ""), h.getOrDefault("version", ""), h.getOrDefault("url", ""),
                h.getOrDefault("state", RuntimeEntry.LOST), h.getOrDefault("session", ""), parseLong(h.get("hb")));
    }

    /** A script's {@code false} arrives as a nil reply: Lettuce reads it as null or a list holding one null. */
    private static boolean isNil(List<Object> reply) {
        return reply == null || reply.isEmpty() || (reply.size() == 1 && reply.get(0) == null);
    }

    private static String str(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return value == null ? "" : value.toString();
    }

    private static long parseLong(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
