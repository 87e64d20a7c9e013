package dev.reactorstudio.runtime.registry;

/**
 * One object of a weight in the registry, as listed.
 *
 * @param key  the full S3 key
 * @param path the path inside the weight folder ({@code /}-separated, already checked to be safe)
 * @param eTag the ETag with its quotes removed
 */
public record RemoteObject(String key, String path, long size, String eTag) {}
