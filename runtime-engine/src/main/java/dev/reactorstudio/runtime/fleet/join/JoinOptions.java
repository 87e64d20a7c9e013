package dev.reactorstudio.runtime.fleet.join;

import java.net.URI;
import java.util.List;

/**
 * How a runtime joins a fleet.
 *
 * @param coordinators coordinator URLs, tried in order (several coordinators on one Redis: any will do)
 * @param secret       the fleet's shared HS256 secret
 * @param runtimeId    this runtime's name in the fleet; null derives one from the host name and agent port
 * @param agentHost    address the agent binds (what coordinators call)
 * @param agentPort    the agent's port (0 picks a free one)
 * @param advertise    the URL coordinators reach the agent at; null uses {@code http://agentHost:port}
 */
public record JoinOptions(List<URI> coordinators, String secret, String runtimeId, String agentHost, int agentPort,
                          URI advertise) {
    public JoinOptions {
        coordinators = List.copyOf(coordinators);
        if (coordinators.isEmpty()) {
            throw new IllegalArgumentException("--join needs at least one coordinator URL");
        }
        for (URI uri : coordinators) {
            if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--join takes http(s)://HOST:PORT URLs, got " + uri);
            }
        }
    }

    /** Parses {@code --join}: one URL or several separated by commas. */
    public static List<URI> parseCoordinators(String join) {
        return java.util.Arrays.stream(join.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s)).toList();
    }
}
