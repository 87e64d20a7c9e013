package dev.reactorstudio.runtime.guard;

/**
 * The security settings every server of one {@code reactor run} shares.
 *
 * @param origins which web pages may drive the servers
 * @param limits  what one client may consume
 */
public record SecurityOptions(OriginPolicy origins, Limits limits) {
    public SecurityOptions {
        if (origins == null || limits == null) {
            throw new IllegalArgumentException("origins and limits are required");
        }
    }

    /** Loopback pages only, default limits. */
    public static SecurityOptions defaults() {
        return new SecurityOptions(OriginPolicy.loopbackOnly(), Limits.defaults());
    }

    public SecurityOptions withOrigins(OriginPolicy policy) {
        return new SecurityOptions(policy, limits);
    }

    public SecurityOptions withLimits(Limits newLimits) {
        return new SecurityOptions(origins, newLimits);
    }
}
