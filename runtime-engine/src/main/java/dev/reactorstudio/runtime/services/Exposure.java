package dev.reactorstudio.runtime.services;

import dev.reactorstudio.runtime.guard.LoopbackNames;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.livekit.LiveKitCredentials;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What changes when the servers listen beyond loopback: they refuse to start until the user names
 * the pages that may drive them ({@code --allow-origin}), the dev LiveKit secret {@code secret} is
 * replaced by a generated one, and an allow-list of {@code *} is warned about loudly.
 */
final class Exposure {
    private static final Logger LOG = LoggerFactory.getLogger(Exposure.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Exposure() {
    }

    /** @throws IllegalStateException naming exactly what to add, when a non-loopback bind has no explicit origins */
    static void check(ServiceOptions options) {
        OriginPolicy origins = options.security().origins();
        if (options.exposed() && !origins.hasExplicitEntries()) {
            String host = !LoopbackNames.isLoopback(options.bindHost()) ? options.bindHost() : options.runtimeBindHost();
            throw new IllegalStateException("--host " + host + " opens the servers to the network, but only pages "
                    + "served from this machine may use them, so nothing on the network could. Say which web page "
                    + "will drive them: add --allow-origin http://PAGE-HOST:PORT (e.g. --allow-origin "
                    + "http://192.168.1.20:5173, or http://192.168.1.20:* for any port of that machine; repeatable), "
                    + "or --allow-origin '*' to let any web page in (not recommended). Clients outside a browser "
                    + "(curl, scripts) send no Origin and are not affected.");
        }
        if (origins.allowsAnyOrigin()) {
            LOG.warn("*********************************************************************************");
            LOG.warn("--allow-origin '*': ANY web page you (or anyone reaching these ports) open can start");
            LOG.warn("sessions, watch the stream and send commands. Name the pages instead when you can.");
            LOG.warn("*********************************************************************************");
        }
    }

    /** The dev credentials are public; once the media server is reachable from elsewhere a random secret replaces them. */
    static LiveKitCredentials credentials(ServiceOptions options) {
        LiveKitCredentials given = options.livekit();
        if (!given.isDev() || LoopbackNames.isLoopback(options.bindHost())) {
            return given;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        LOG.info("Listening beyond loopback: the LiveKit API secret is generated for this run (--livekit-secret sets one)");
        return new LiveKitCredentials(given.apiKey(), secret);
    }
}
