package dev.reactorstudio.runtime.fleet;

import dev.reactorstudio.runtime.guard.SecurityOptions;
import java.time.Duration;
import java.util.Set;

/**
 * Settings of a fleet coordinator.
 *
 * @param bindHost         address to bind (127.0.0.1 unless opened up on purpose)
 * @param port             HTTP port (8080; 0 picks a free one)
 * @param state            {@code memory} or {@code redis://HOST:PORT[/DB]}
 * @param secret           the shared HS256 secret of client, runtime and coordinator tokens
 * @param apiKeys          keys {@code GET /tokens} exchanges for client tokens (empty: the route answers 401)
 * @param tokenTtl         lifetime of tokens minted by {@code GET /tokens}
 * @param heartbeatTimeout a runtime silent this long is lost (its session ends)
 * @param pollTimeout      a waiting client that did not poll for this long leaves the queue
 * @param security         which web pages may call it (the origin allow-list) and the body size limit
 */
public record FleetOptions(String bindHost, int port, String state, String secret, Set<String> apiKeys,
                           Duration tokenTtl, Duration heartbeatTimeout, Duration pollTimeout, SecurityOptions security) {
    public static final int DEFAULT_PORT = 8080;
    public static final String MEMORY = "memory";
    /** How often a joined runtime heartbeats; three missed beats make it lost. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

    public FleetOptions {
        apiKeys = Set.copyOf(apiKeys);
    }

    public static FleetOptions defaults(String secret) {
        return new FleetOptions("127.0.0.1", DEFAULT_PORT, MEMORY, secret, Set.of(), Duration.ofHours(1),
                Duration.ofSeconds(3), Duration.ofSeconds(30), SecurityOptions.defaults());
    }

    public FleetOptions withBind(String host, int newPort) {
        return new FleetOptions(host, newPort, state, secret, apiKeys, tokenTtl, heartbeatTimeout, pollTimeout, security);
    }

    public FleetOptions withState(String newState) {
        return new FleetOptions(bindHost, port, newState, secret, apiKeys, tokenTtl, heartbeatTimeout, pollTimeout, security);
    }

    public FleetOptions withApiKeys(Set<String> keys) {
        return new FleetOptions(bindHost, port, state, secret, keys, tokenTtl, heartbeatTimeout, pollTimeout, security);
    }

    public FleetOptions withTokenTtl(Duration ttl) {
        return new FleetOptions(bindHost, port, state, secret, apiKeys, ttl, heartbeatTimeout, pollTimeout, security);
    }

    public FleetOptions withPollTimeout(Duration timeout) {
        return new FleetOptions(bindHost, port, state, secret, apiKeys, tokenTtl, heartbeatTimeout, timeout, security);
    }

    public FleetOptions withSecurity(SecurityOptions newSecurity) {
        return new FleetOptions(bindHost, port, state, secret, apiKeys, tokenTtl, heartbeatTimeout, pollTimeout, newSecurity);
    }

    /** Opens the state store this names; the caller owns (closes) it. */
    public FleetState openState() {
        return openState(RedisFleetState.DEFAULT_PREFIX);
    }

    FleetState openState(String redisPrefix) {
        if (MEMORY.equals(state)) {
            return new MemoryFleetState();
        }
        if (state.startsWith("redis://") || state.startsWith("rediss://")) {
            return new RedisFleetState(state, redisPrefix);
        }
        throw new IllegalArgumentException("--state must be memory or redis://HOST:PORT[/DB], got \"" + state + "\"");
    }
}
