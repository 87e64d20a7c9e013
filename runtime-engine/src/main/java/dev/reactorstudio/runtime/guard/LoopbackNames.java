package dev.reactorstudio.runtime.guard;

import java.util.Locale;

/** Host names and literals that always mean this machine: {@code localhost}, 127.0.0.0/8, {@code ::1}. */
public final class LoopbackNames {
    private LoopbackNames() {
    }

    /** @param host a host name or IP literal, IPv6 with or without brackets */
    public static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return isIpv4InLoopbackNet(h);
    }

    private static boolean isIpv4InLoopbackNet(String h) {
        return h.startsWith("127.") && isIpLiteral(h);
    }

    /** True for an IPv4 dotted quad or a bracketed IPv6 literal: names no DNS answer can redirect. */
    public static boolean isIpLiteral(String host) {
        if (host == null) {
            return false;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.length() > 2 && host.substring(1, host.length() - 1).chars()
                    .allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** True for {@code 0.0.0.0}, {@code ::} and the like: every interface. */
    public static boolean isWildcard(String bindHost) {
        if (bindHost == null) {
            return false;
        }
        String h = bindHost.startsWith("[") && bindHost.endsWith("]") ? bindHost.substring(1, bindHost.length() - 1) : bindHost;
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0");
    }

    /**
     * The host part of a {@code Host} header value ({@code name}, {@code name:port},
     * {@code [v6]:port}), lower case; null when there is none.
     */
    public static String hostOfHeader(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }
}
