package dev.reactorstudio.studio.weights;

import java.util.prefs.Preferences;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Where weights are pulled from: the registry location ({@code s3://bucket/prefix}), an endpoint
 * override for S3-compatible stores, and the AWS profile. Defaults come from
 * {@code REACTOR_REGISTRY}; edits are remembered in the user's preferences.
 */
public final class RegistrySettings {
    private final StringProperty location = new SimpleStringProperty();
    private final StringProperty endpoint = new SimpleStringProperty();
    private final StringProperty profile = new SimpleStringProperty();

    public RegistrySettings(Preferences prefs) {
        bind(location, prefs, "registry.location", System.getenv().getOrDefault("REACTOR_REGISTRY", ""));
        bind(endpoint, prefs, "registry.endpoint", "");
        bind(profile, prefs, "registry.profile", System.getenv().getOrDefault("AWS_PROFILE", ""));
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
