package dev.reactorstudio.runtime.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys a backend exchanges for client tokens ({@code GET /tokens}). Compared in
 * constant time; a token's {@code sub} names the key by a hash prefix, never the key itself.
 */
public final class ApiKeys {
    private final Set<String> keys;

    ApiKeys(Set<String> keys) {
        this.keys = Set.copyOf(keys);
    }

    /** Keys from a file: one per line; blank lines and {@code #} comments are skipped. */
    static Set<String> read(Path file) {
        try {
            Set<String> keys = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String key = line.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(key);
                }
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --api-keys-file " + file + ": " + e.getMessage());
        }
    }

    public static Set<String> combine(List<String> given, Path file) {
        Set<String> all = new LinkedHashSet<>(given == null ? List.of() : given);
        if (file != null) {
            all.addAll(read(file));
        }
        return all;
    }

    /** The subject for tokens minted for this key, or empty when the key is not known. */
    Optional<String> subjectFor(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String key : keys) {
            match |= MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), given);
        }
        return match ? Optional.of("api-key:" + hashPrefix(presented)) : Optional.empty();
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    private static String hashPrefix(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
