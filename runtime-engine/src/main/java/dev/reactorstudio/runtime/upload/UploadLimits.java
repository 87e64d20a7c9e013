package dev.reactorstudio.runtime.upload;

/**
 * How much a client may upload.
 *
 * @param maxFileBytes    largest single file (default 100 MiB; {@code reactor run --max-upload-mb})
 * @param maxSessionFiles uploads one session may hold at once
 * @param maxSessionBytes bytes one session may hold at once (all its uploads together)
 */
public record UploadLimits(long maxFileBytes, int maxSessionFiles, long maxSessionBytes) {
    public static final long MIB = 1024L * 1024L;
    public static final long DEFAULT_MAX_FILE_BYTES = 100 * MIB;
    public static final int DEFAULT_MAX_SESSION_FILES = 64;
    /** A session holds at most this many maximum-size files' worth of bytes. */
    static final int SESSION_BYTES_IN_FILES = 4;

    public UploadLimits {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be at least 1 byte, got " + maxFileBytes);
        }
        if (maxSessionFiles < 1) {
            throw new IllegalArgumentException("a session must be allowed at least one upload, got " + maxSessionFiles);
        }
        if (maxSessionBytes < maxFileBytes) {
            throw new IllegalArgumentException("a session's byte limit (" + maxSessionBytes
                    + ") must hold at least one file of the file limit (" + maxFileBytes + ")");
        }
    }

    public static UploadLimits defaults() {
        return ofMaxFileBytes(DEFAULT_MAX_FILE_BYTES);
    }

    /** A file limit with the session limits that follow from it. */
    public static UploadLimits ofMaxFileBytes(long maxFileBytes) {
        return new UploadLimits(maxFileBytes, DEFAULT_MAX_SESSION_FILES,
                Math.multiplyExact(maxFileBytes, (long) SESSION_BYTES_IN_FILES));
    }
}
