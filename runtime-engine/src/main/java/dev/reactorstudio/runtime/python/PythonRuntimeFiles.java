package dev.reactorstudio.runtime.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts the bundled {@code reactor_runtime} Python package on disk, where an interpreter can import
 * it. The folder is named after a hash of the files, so an engine upgrade extracts its own copy
 * and two engine versions never share (or half-overwrite) one. Extraction goes to a temporary
 * folder that is renamed into place, so a crash mid-way leaves nothing a later run would trust.
 */
public final class PythonRuntimeFiles {
    private static final String ROOT = "/python/";
    private static final String INDEX = ROOT + "FILES";

    private PythonRuntimeFiles() {}

    /** The folder to put on {@code PYTHONPATH} (it holds {@code reactor_runtime/}), extracting on first use. */
    public static synchronized Path extract(Path cacheRoot) throws IOException {
        Map<String, byte[]> files = bundled();
        Path target = cacheRoot.resolve("reactor_runtime-" + hash(files));
        if (Files.isRegularFile(target.resolve(".complete"))) {
            return target;
        }
        Files.createDirectories(cacheRoot);
        Path staging = Files.createTempDirectory(cacheRoot, ".extract-");
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = staging.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        Files.writeString(staging.resolve(".complete"), "extracted by Reactor Studio\n");
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
            // Another runtime extracted the same version meanwhile (or a broken copy sits there): replace it.
            if (!Files.isRegularFile(target.resolve(".complete"))) {
                deleteTree(target);
                Files.move(staging, target);
            } else {
                deleteTree(staging);
            }
        }
        return target;
    }

    private static Map<String, byte[]> bundled() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String line : read(INDEX).split("\n")) {
            String name = line.trim();
            if (!name.isEmpty() && !name.startsWith("#")) {
                files.put(name, readBytes(ROOT + name));
            }
        }
        return files;
    }

    private static String read(String resource) throws IOException {
        return new String(readBytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(String resource) throws IOException {
        try (InputStream in = PythonRuntimeFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is missing from the engine jar");
            }
            return in.readAllBytes();
        }
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
