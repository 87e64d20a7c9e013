package dev.reactorstudio.studio.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void valuesAndChildNodesSurviveReopeningTheFile() throws Exception {
        Path file = dir.resolve("config/settings.properties");
        Preferences prefs = SettingsFile.open(file);
        prefs.put("theme", "DARK");
        prefs.putDouble("window.width", 1234.5);
        prefs.node("tool").putBoolean("log.visible", false);
        assertThat(file).exists();

        Preferences again = SettingsFile.open(file);
        assertThat(again.get("theme", "")).isEqualTo("DARK");
        assertThat(again.getDouble("window.width", 0)).isEqualTo(1234.5);
        assertThat(again.node("tool").getBoolean("log.visible", true)).isFalse();
        assertThat(again.keys()).containsExactlyInAnyOrder("theme", "window.width");
        assertThat(again.childrenNames()).containsExactly("tool");
        assertThat(Files.readString(file)).contains("theme=DARK").contains("tool/log.visible=false");

        again.node("tool").removeNode();
        again.remove("theme");
        assertThat(SettingsFile.open(file).keys()).containsExactly("window.width");
        assertThat(SettingsFile.open(file).childrenNames()).isEmpty();
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheStudioStartsOnDefaults() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "bad=\\u12"); // a broken unicode escape: Properties.load throws
        Preferences prefs = SettingsFile.open(file);
        assertThat(prefs.get("bad", "default")).isEqualTo("default");
        assertThat(dir.resolve("settings.properties.broken")).exists();
        prefs.put("theme", "LIGHT");
        assertThat(SettingsFile.open(file).get("theme", "")).isEqualTo("LIGHT");
    }

    @Test
    void userDirsFollowXdgAndIgnoreRelativeValues() {
        Path home = Path.of("/home/ann");
        UserDirs plain = UserDirs.of(home, Map.of());
        assertThat(plain.settingsFile()).isEqualTo(Path.of("/home/ann/.config/reactor-studio/settings.properties"));
        assertThat(plain.logs()).isEqualTo(Path.of("/home/ann/.local/state/reactor-studio/logs"));
        assertThat(plain.examples()).isEqualTo(Path.of("/home/ann/ReactorStudio/examples"));
        UserDirs xdg = UserDirs.of(home, Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "relative/state"));
        assertThat(xdg.settingsFile()).isEqualTo(Path.of("/cfg/reactor-studio/settings.properties"));
        assertThat(xdg.logs()).isEqualTo(Path.of("/home/ann/.local/state/reactor-studio/logs"));
    }

    @Test
    void theLogFileIsWrittenAndRolledBySize() throws Exception {
        Path logs = dir.resolve("logs");
        AppLog.install(logs, "2KB", 1);
        try {
            org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.reactorstudio.studio.settings.test");
            String line = "x".repeat(200);
            for (int i = 0; i < 60; i++) {
                log.info("line {} {}", i, line);
                Thread.sleep(2); // the size is checked at most once a millisecond here
            }
            assertThat(AppLog.folder()).contains(logs);
            assertThat(logs.resolve("studio.log")).exists();
            assertThat(Files.readString(logs.resolve("studio.log"))).contains("line 59");
            assertThat(logs.resolve("studio.1.log")).exists();
            try (var files = Files.list(logs)) {
                assertThat(files.count()).isLessThanOrEqualTo(5); // studio.log + 4 rolled
            }
        } finally {
            AppLog.uninstall();
        }
        assertThat(AppLog.folder()).isEmpty();
    }
}
