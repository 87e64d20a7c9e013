package dev.reactorstudio.studio.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Light or dark, with AtlantaFX's Primer themes as the base and the studio's own stylesheet on
 * top (it only uses the theme's colour variables, so it follows the switch). Remembered.
 */
public enum Theme {
    LIGHT, DARK;

    private static final String KEY = "theme";

    /** The current theme of the process (JavaFX user-agent stylesheets are global). */
    public static final class Switcher {
        private final ObjectProperty<Theme> current = new SimpleObjectProperty<>();

        public Switcher(Preferences prefs) {
            current.addListener((o, a, b) -> {
                Application.setUserAgentStylesheet(b == DARK ? new PrimerDark().getUserAgentStylesheet()
                        : new PrimerLight().getUserAgentStylesheet());
                prefs.put(KEY, b.name());
            });
            current.set(parse(prefs.get(KEY, LIGHT.name())));
        }

        public ObjectProperty<Theme> current() {
            return current;
        }

        public void toggle() {
            current.set(current.get() == DARK ? LIGHT : DARK);
        }

        private static Theme parse(String name) {
            try {
                return Theme.valueOf(name);
            } catch (IllegalArgumentException e) {
                return LIGHT;
            }
        }
    }
}
