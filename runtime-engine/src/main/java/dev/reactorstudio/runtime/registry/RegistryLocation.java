package dev.reactorstudio.runtime.registry;

import java.util.Objects;

/**
 * Where the weights live: a bucket and a key prefix. Weight {@code LongLive} is every object under
 * {@code <prefix>/LongLive/}.
 */
public record RegistryLocation(String bucket, String prefix) {

    public RegistryLocation {
        Objects.requireNonNull(bucket, "bucket");
        prefix = trimSlashes(prefix == null ? "" : prefix);
    }

    /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix} (a trailing slash is optional). */
    public static RegistryLocation parse(String uri) {
        String text = uri == null ? "" : uri.strip();
        if (!text.startsWith("s3://")) {
            throw new IllegalArgumentException("registry \"" + text + "\" is not an S3 location — write it as s3://bucket/prefix");
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException("registry \"" + text + "\" names no bucket — write it as s3://bucket/prefix");
        }
        return new RegistryLocation(bucket, slash < 0 ? "" : rest.substring(slash + 1));
    }

    /** The key prefix of one weight, ending in {@code /}. */
    public String weightPrefix(String weight) {
        return rootPrefix() + weight + "/";
    }

    /** The key prefix under which weights are folders: empty or ending in {@code /}. */
    public String rootPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
