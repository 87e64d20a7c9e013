package dev.reactorstudio.runtime.fleet;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same contract against a real redis-server; each test gets its own key prefix. */
class RedisFleetStateTest extends FleetStateContract {
    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    FleetState open() {
        return new RedisFleetState(redis.url(), "test:" + UUID.randomUUID() + ":");
    }
}
