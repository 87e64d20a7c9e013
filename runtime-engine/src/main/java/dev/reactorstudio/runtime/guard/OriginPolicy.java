package dev.reactorstudio.runtime.guard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Which web pages may drive the servers, by their {@code Origin}. Pages served from this machine's
 * loopback ({@code http(s)://localhost}, 127.0.0.0/8, {@code [::1]}, any port) always may, so a dev
 * server on localhost:5173 and the built-in viewer page work with no setup; {@code --allow-origin}
 * entries add more ({@code http://host:*} for any port, {@code *} for every origin). A request
 * without {@code Origin} does not come from a page's script (curl, the SDKs outside a browser, our
 * own HTTP client) and is not a cross-site risk, so it passes. Immutable.
 */
public final class OriginPolicy {
    /** The allow-list entry that admits every origin. */
    public static final String ANY = "*";

    private final List<OriginPattern> extra;
    private final boolean any;

    private OriginPolicy(List<OriginPattern> extra, boolean any) {
        this.extra = List.copyOf(extra);
        this.any = any;
    }

    /** Loopback pages only: the default. */
    public static OriginPolicy loopbackOnly() {
        return new OriginPolicy(List.of(), false);
    }

    /**
     * Loopback pages plus {@code entries} ({@code --allow-origin} values).
     *
     * @throws IllegalArgumentException for an entry that is not an origin, naming it and the form to use
     */
    public static OriginPolicy allowing(Collection<String> entries) {
        List<OriginPattern> patterns = new ArrayList<>();
        boolean any = false;
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            if (entry.trim().equals(ANY)) {
                any = true;
            } else {
                patterns.add(OriginPattern.parse(entry, true));
            }
        }
        return new OriginPolicy(patterns, any);
    }

    /** This policy plus one more entry. */
    public OriginPolicy and(String entry) {
        List<String> all = new ArrayList<>(entries());
        all.add(entry);
        return allowing(all);
    }

    /**
     * @param origin the request's {@code Origin} header; null (no header) is allowed
     */
    public boolean allows(String origin) {
        if (origin == null || any) {
            return true;
        }
        OriginPattern parsed;
        try {
            parsed = OriginPattern.parse(origin, false);
        } catch (IllegalArgumentException e) {
            return false; // "null" (sandboxed frames, file: pages) and garbage
        }
        if (isLoopbackPage(parsed)) {
            return true;
        }
        return extra.stream().anyMatch(p -> p.matches(parsed));
    }

    private static boolean isLoopbackPage(OriginPattern origin) {
        return (origin.scheme().equals("http") || origin.scheme().equals("https")) && LoopbackNames.isLoopback(origin.host());
    }

    /** True when {@code *} is on the list: any web page on the internet may drive the servers. */
    public boolean allowsAnyOrigin() {
        return any;
    }

    /** True when the list holds anything beyond the loopback default. */
    public boolean hasExplicitEntries() {
        return any || !extra.isEmpty();
    }

    /** True when {@code hostName} (a {@code Host} header's host) is named by an explicit entry. */
    boolean namesHost(String hostName) {
        String h = hostName.toLowerCase(Locale.ROOT);
        return extra.stream().anyMatch(p -> p.host().equals(h));
    }

    /** The explicit entries, as {@code --allow-origin} would take them back. */
    public List<String> entries() {
        List<String> out = new ArrayList<>();
        if (any) {
            out.add(ANY);
        }
        extra.forEach(p -> out.add(p.toString()));
        return out;
    }

    @Override
    public String toString() {
        return "loopback pages" + (entries().isEmpty() ? "" : " + " + String.join(", ", entries()));
    }
}
