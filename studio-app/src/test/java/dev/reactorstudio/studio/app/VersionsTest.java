package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Help › About names a real version for each part, read from the jars the studio runs on. */
class VersionsTest {
    @Test
    void everyPartHasAVersion() {
        Map<String, String> versions = Versions.all();
        assertThat(versions).containsKeys("Reactor Studio", "Runtime engine", "Java", "JavaFX", "libwebrtc", "DJL");
        assertThat(versions.get("Runtime engine")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(versions.get("Java")).startsWith("17");
        assertThat(versions.get("libwebrtc")).matches("webrtc-java \\d+\\.\\d+\\.\\d+.*");
        assertThat(versions.get("DJL")).matches("\\d+\\.\\d+\\.\\d+ \\(PyTorch \\d+\\.\\d+.*");
        assertThat(versions.values()).noneMatch(v -> v.startsWith("?"));
        assertThat(Versions.text()).contains("DJL: ");
    }
}
