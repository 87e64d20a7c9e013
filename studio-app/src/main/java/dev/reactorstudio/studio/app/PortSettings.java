package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.services.ServiceEndpoint;
import java.util.prefs.Preferences;

/** Remembers the port typed for each service ({@code port.runtime}, …) so the next launch binds the same ones. */
final class PortSettings {
    private PortSettings() {
    }

    static void remember(Iterable<ServiceEndpoint> endpoints, Preferences prefs) {
        for (ServiceEndpoint endpoint : endpoints) {
            String key = "port." + endpoint.id();
            int stored = prefs.getInt(key, endpoint.requestedPort().get());
            if (stored >= 0 && stored <= 65535) {
                endpoint.requestedPort().set(stored);
            }
            endpoint.requestedPort().addListener((o, a, b) -> prefs.putInt(key, b.intValue()));
        }
    }
}
