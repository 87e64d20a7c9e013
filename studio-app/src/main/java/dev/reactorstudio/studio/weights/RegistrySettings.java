package dev.reactorstudio.studio.weights;

import java.util.Map;
import java.util.prefs.Preferences;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where weights are pulled from: the registry location ({@code s3://bucket/prefix}), an endpoint
 * override for S3-compatible stores, and the AWS profile — what the author types in the Weights view.
 * Defaults come from the environment; edits are remembered in the user's preferences.
 * {@link RegistrySetup} turns them into the engine's settings.
 */
public final class RegistrySettings {
    private final StringProperty location = new SimpleStringProperty();
    private final StringProperty endpoint = new SimpleStringProperty();
    private final StringProperty profile = new SimpleStringProperty();

    /** @param environment where the defaults come from ({@code REACTOR_REGISTRY}, {@code AWS_ENDPOINT_URL}, {@code AWS_PROFILE}) */
    public RegistrySettings(Preferences prefs, Map<String, String> environment) {
        bind(location, prefs, "registry.location", environment.getOrDefault("REACTOR_REGISTRY", ""));
        bind(endpoint, prefs, "registry.endpoint", environment.getOrDefault("AWS_ENDPOINT_URL_S3",
                environment.getOrDefault("AWS_ENDPOINT_URL", "")));
        bind(profile, prefs, "registry.profile", environment.getOrDefault("AWS_PROFILE", ""));
    }

    private static void bind(StringProperty property, Preferences prefs, String key, String fallback) {
        property.set(prefs.get(key, fallback));
        property.addListener((o, a, b) -> prefs.put(key, b == null ? "" : b));
    }

    public StringProperty location() {
        return location;
    }

    public StringProperty endpoint() {
        return endpoint;
    }

    public StringProperty profile() {
        return profile;
    }
}
