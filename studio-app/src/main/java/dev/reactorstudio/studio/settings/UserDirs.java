package dev.reactorstudio.studio.settings;

import java.nio.file.Path;
import java.util.Map;

/**
 * The user's folders the studio writes to, after the XDG base directory rules: settings under
 * {@code $XDG_CONFIG_HOME/reactor-studio} (default {@code ~/.config}), logs under
 * {@code $XDG_STATE_HOME/reactor-studio/logs} (default {@code ~/.local/state}), and the author's
 * own files (example copies, captures) under {@code ~/ReactorStudio}.
 */
public record UserDirs(Path config, Path state, Path workspace) {

    private static final String APP = "reactor-studio";

    /** Resolved against {@code home} and the XDG variables of {@code environment}. */
    public static UserDirs of(Path home, Map<String, String> environment) {
        return new UserDirs(base(environment, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP),
                base(environment, "XDG_STATE_HOME", home.resolve(".local").resolve("state")).resolve(APP),
                home.resolve("ReactorStudio"));
    }

    /** This process's user: {@code $HOME} (as the XDG rules say; else {@code user.home}) and the real environment. */
    public static UserDirs current() {
        String home = System.getenv().getOrDefault("HOME", "");
        return of(!home.isBlank() && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(System.getProperty("user.home")),
                System.getenv());
    }

    /** The settings file. */
    public Path settingsFile() {
        return config.resolve("settings.properties");
    }

    public Path logs() {
        return state.resolve("logs");
    }

    /** Where bundled examples are copied on first use, one folder each. */
    public Path examples() {
        return workspace.resolve("examples");
    }

    public Path captures() {
        return workspace.resolve("captures");
    }

    // XDG: a relative value is invalid and must be ignored.
    private static Path base(Map<String, String> environment, String variable, Path fallback) {
        String value = environment.getOrDefault(variable, "");
        return !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }
}
