package dev.reactorstudio.runtime.fleet.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the shared secret from {@code --jwt-secret} or {@code --jwt-secret-file} (first line, trimmed). */
public final class Secrets {
    private Secrets() {
    }

    public static String resolve(String secret, Path file) {
        if (secret != null && file != null) {
            throw new IllegalArgumentException("give --jwt-secret or --jwt-secret-file, not both");
        }
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                int newline = text.indexOf('\n');
                return newline < 0 ? text : text.substring(0, newline).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --jwt-secret-file " + file + ": " + e.getMessage());
            }
        }
        if (secret == null) {
            throw new IllegalArgumentException("a shared secret is required: --jwt-secret SECRET or --jwt-secret-file FILE");
        }
        return secret;
    }
}
