package dev.reactorstudio.runtime.upload;

/**
 * An allocated upload, waiting for its bytes.
 *
 * @param id       unguessable (128 random bits): the PUT URL carries it, so knowing it is the right to upload
 * @param name     the sanitised file name
 * @param mimeType the declared MIME type
 * @param size     the declared size in bytes: the PUT must carry exactly this many
 */
public record UploadSlot(String id, String name, String mimeType, long size) {
}
