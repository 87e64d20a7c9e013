package dev.reactorstudio.runtime.coordinator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh copy of the test model {@code models/upload-probe} (a grey card and an {@code inspect}
 * command answering with the name, size and SHA-256 of an uploaded file), so compiled classes
 * land in a temporary folder.
 */
final class UploadProbeFolder {
    private static final String[] FILES = {"manifest.json", "upload_probe.java"};

    private UploadProbeFolder() {
    }

    static Path create() throws IOException {
        Path folder = Files.createTempDirectory("upload-probe-");
        for (String file : FILES) {
            try (InputStream in = UploadProbeFolder.class.getResourceAsStream("/models/upload-probe/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource models/upload-probe/" + file);
                }
                Files.copy(in, folder.resolve(file));
            }
        }
        return folder;
    }

    static void delete(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
