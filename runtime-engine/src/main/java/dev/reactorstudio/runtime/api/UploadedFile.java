package dev.reactorstudio.runtime.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file a client uploaded for this session, as a command parameter receives it: declare
 * {@code @Param UploadedFile image} and the runtime resolves the client's upload reference to
 * the bytes it already received. The file lives in the session's own temporary folder and is
 * deleted when the session ends: copy it if it must outlive the session.
 *
 * @param path     where the bytes are, on this machine (read it, do not move it)
 * @param name     the client's file name, sanitised (no folders, no control characters)
 * @param mimeType the MIME type the client declared, e.g. {@code image/png} (not verified)
 * @param size     the number of bytes, exactly as declared and received
 */
public record UploadedFile(Path path, String name, String mimeType, long size) {

    public UploadedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mimeType, "mimeType");
    }

    /** The whole file; fine for images and prompts, stream {@link #path()} for large media. */
    public byte[] readAllBytes() throws IOException {
        return Files.readAllBytes(path);
    }
}
