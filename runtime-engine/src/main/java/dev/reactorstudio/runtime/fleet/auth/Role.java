package dev.reactorstudio.runtime.fleet.auth;

/** Who a fleet token speaks for, carried in the {@code reactor_role} claim. */
public enum Role {
    /** A browser or backend using the SDK routes; tokens without the claim are clients. */
    CLIENT,
    /** A runtime registering and heartbeating. */
    RUNTIME,
    /** A coordinator starting, stopping and relaying to a runtime. */
    COORDINATOR;

    public String claim() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
