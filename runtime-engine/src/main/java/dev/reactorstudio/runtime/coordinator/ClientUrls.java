package dev.reactorstudio.runtime.coordinator;

import java.net.URI;

/**
 * URLs handed to clients. A server bound to every interface ({@code 0.0.0.0}, {@code ::}) knows no
 * single address it is reached at, and a client told "ws://0.0.0.0:7880" connects to itself. The
 * host the client used for this request is the one that demonstrably works, so it replaces the
 * wildcard; a specific bind address is left alone.
 */
public final class ClientUrls {
    private ClientUrls() {}

    /**
     * @param url         a URL naming one of our servers, e.g. {@code ws://0.0.0.0:7880}
     * @param requestHost the client's {@code Host} header ({@code host[:port]}, {@code [v6][:port]}), may be null
     */
    public static String reachableFrom(String url, String requestHost) {
        URI uri = URI.create(url);
        String clientHost = hostOnly(requestHost);
        if (!isWildcard(uri.getHost()) || clientHost.isEmpty()) {
            return url;
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return uri.getScheme() + "://" + clientHost + port + path;
    }

    public static boolean isWildcard(String host) {
        return host != null && (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
                || host.equals("0:0:0:0:0:0:0:0") || host.equals("[0:0:0:0:0:0:0:0]"));
    }

    /** {@code example.com:8080} → {@code example.com}; {@code [fe80::1]:8080} → {@code [fe80::1]}. */
    private static String hostOnly(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String value = hostHeader.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? "" : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
