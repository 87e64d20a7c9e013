package dev.reactorstudio.runtime.guard;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One web origin, as a browser sends it ({@code scheme://host[:port]}) or as an allow-list entry
 * may name it ({@code :*} = any port). No port means the scheme's default port, as in browsers.
 */
record OriginPattern(String scheme, String host, int port) {
    /** {@link #port} for {@code :*}. */
    static final int ANY_PORT = -1;
    private static final Pattern FORM = Pattern.compile(
            "([a-zA-Z][a-zA-Z0-9+.-]*)://(\\[[0-9a-fA-F:.]+\\]|[^/:\\[\\]@?#\\s]+)(?::(\\*|\\d{1,5}))?(/?)");

    /**
     * @param wildcardPort whether {@code :*} is accepted (allow-list entries) or not (request headers)
     * @throws IllegalArgumentException naming what is wrong and what a valid origin looks like
     */
    static OriginPattern parse(String text, boolean wildcardPort) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an origin: write scheme://host[:port], e.g. "
                    + "http://192.168.1.20:5173, http://devbox:* for any port of devbox, or * for every origin");
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String host = m.group(2).toLowerCase(Locale.ROOT);
        String portText = m.group(3);
        int port;
        if (portText == null) {
            port = defaultPort(scheme);
        } else if (portText.equals("*")) {
            if (!wildcardPort) {
                throw new IllegalArgumentException("\"" + text + "\": a browser origin has no wildcard port");
            }
            port = ANY_PORT;
        } else {
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("\"" + text + "\": port " + port + " is not between 1 and 65535");
            }
        }
        return new OriginPattern(scheme, host, port);
    }

    private static int defaultPort(String scheme) {
        return switch (scheme) {
            case "http", "ws" -> 80;
            case "https", "wss" -> 443;
            default -> 0;
        };
    }

    boolean matches(OriginPattern origin) {
        return scheme.equals(origin.scheme) && host.equals(origin.host) && (port == ANY_PORT || port == origin.port);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + (port == ANY_PORT ? ":*" : port == defaultPort(scheme) ? "" : ":" + port);
    }
}
