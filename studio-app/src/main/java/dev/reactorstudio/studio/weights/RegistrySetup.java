package dev.reactorstudio.studio.weights;

import dev.reactorstudio.runtime.registry.RegistryLocation;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The engine's registry settings for what the Weights view says: the environment (credentials,
 * region, {@code REACTOR_CACHE_DIR}) refined by the view's registry, endpoint and profile — the same
 * settings {@code reactor weights pull --registry … --registry-endpoint …} would build.
 */
public final class RegistrySetup {
    private static final String REGISTRY = dev.reactorstudio.runtime.registry.RegistrySettings.REGISTRY_VARIABLE;
    private static final List<String> STATIC_KEYS = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private final Map<String, String> environment;
    private final UnaryOperator<dev.reactorstudio.runtime.registry.RegistrySettings> tuning;

    /**
     * @param environment where credentials, region and the cache folder come from (the process
     *                    environment in the app; tests pass their own)
     * @param tuning      adjusts how pulls run (connections, chunk size); identity in the app
     */
    public RegistrySetup(Map<String, String> environment, UnaryOperator<dev.reactorstudio.runtime.registry.RegistrySettings> tuning) {
        this.environment = Map.copyOf(environment);
        this.tuning = tuning;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** {@code REACTOR_CACHE_DIR}, else {@code ~/.cache/reactor_registry}. */
    public Path cacheRoot() {
        return dev.reactorstudio.runtime.registry.RegistrySettings.defaultCacheRoot(environment);
    }

    /** The settings to pull with; fails with a message for the Weights view when a field is wrong or the registry unset. */
    public dev.reactorstudio.runtime.registry.RegistrySettings settings(RegistrySettings view) {
        Map<String, String> env = new HashMap<>(environment);
        String profile = text(view.profile().get());
        if (!profile.isEmpty() && !profile.equals(text(environment.get("AWS_PROFILE")))) {
            // A profile chosen in the studio wins over keys inherited from the environment.
            STATIC_KEYS.forEach(env::remove);
            env.put("AWS_PROFILE", profile);
        }
        String typed = text(view.location().get());
        String inherited = text(env.remove(REGISTRY));
        if (typed.isEmpty() && inherited.isEmpty()) {
            throw new IllegalArgumentException("no weights registry set — enter s3://bucket/prefix under Registry settings"
                    + " (or start the studio with " + REGISTRY + " set)");
        }
        var settings = dev.reactorstudio.runtime.registry.RegistrySettings.fromEnvironment(env)
                .withLocation(RegistryLocation.parse(typed.isEmpty() ? inherited : typed));
        String endpoint = text(view.endpoint().get());
        if (!endpoint.isEmpty()) {
            settings = settings.withEndpoint(endpoint(endpoint));
        }
        return tuning.apply(settings);
    }

    /** For Run: the view's registry when it is usable, else the cache alone (missing weights then fail the load by name). */
    public dev.reactorstudio.runtime.registry.RegistrySettings settingsOrCacheOnly(RegistrySettings view) {
        try {
            return settings(view);
        } catch (IllegalArgumentException e) {
            Map<String, String> env = new HashMap<>(environment);
            env.remove(REGISTRY);
            return tuning.apply(dev.reactorstudio.runtime.registry.RegistrySettings.fromEnvironment(env));
        }
    }

    private static URI endpoint(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint \"" + text + "\" is not a URL — write it as https://host[:port]", e);
        }
    }

    private static String text(String s) {
        return s == null ? "" : s.strip();
    }
}
