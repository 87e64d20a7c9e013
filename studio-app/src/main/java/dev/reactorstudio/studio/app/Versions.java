package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.manifest.EngineVersion;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * What Help › About lists: the versions of the studio and of what it runs on, read from the jars
 * on the class path (nothing is loaded or started to find them out).
 */
final class Versions {
    /** The libwebrtc branch each webrtc-java release was built from (its natives say no more). */
    private static final Map<String, String> LIBWEBRTC = Map.of("0.14.0", "branch-heads/7204");

    private Versions() {
    }

    static Map<String, String> all() {
        Map<String, String> versions = new LinkedHashMap<>();
        String engine = EngineVersion.current().toString();
        String studio = Versions.class.getPackage().getImplementationVersion();
        versions.put("Reactor Studio", studio == null ? engine : studio);
        versions.put("Runtime engine", engine);
        versions.put("Java", System.getProperty("java.runtime.version", System.getProperty("java.version"))
                + " (" + System.getProperty("java.vm.name", "") + ", " + System.getProperty("java.vendor", "") + ")");
        versions.put("JavaFX", System.getProperty("javafx.runtime.version", property("/javafx.properties", "javafx.runtime.version")));
        String webrtc = property("/META-INF/maven/dev.onvoid.webrtc/webrtc-java/pom.properties", "version");
        versions.put("libwebrtc", "webrtc-java " + webrtc
                + (LIBWEBRTC.containsKey(webrtc) ? " (libwebrtc " + LIBWEBRTC.get(webrtc) + ")" : ""));
        String pytorch = property("/pytorch-engine.properties", "pytorch_version");
        versions.put("DJL", property("/ai/djl/engine/api.properties", "djl_version")
                + ("?".equals(pytorch) ? "" : " (PyTorch " + pytorch + ", CPU)"));
        versions.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return versions;
    }

    /** As text for the clipboard (bug reports). */
    static String text() {
        StringBuilder text = new StringBuilder();
        all().forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        return text.toString();
    }

    private static String property(String resource, String key) {
        try (InputStream in = Versions.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(key, "?").trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
