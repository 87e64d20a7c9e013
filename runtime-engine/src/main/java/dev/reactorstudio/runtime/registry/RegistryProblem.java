package dev.reactorstudio.runtime.registry;

/** What went wrong, as a user would name it; the studio can branch on it (e.g. offer "sign in"). */
public enum RegistryProblem {
    /** No registry configured ({@code --registry} / {@code REACTOR_REGISTRY}). */
    NOT_CONFIGURED,
    NO_CREDENTIALS,
    /** Credentials were found but refused (bad key, bad secret, expired token). */
    CREDENTIALS_REJECTED,
    ACCESS_DENIED,
    BUCKET_NOT_FOUND,
    /** The prefix holds no weights at all. */
    PREFIX_EMPTY,
    WEIGHT_NOT_FOUND,
    /** A key would land outside the weight folder, or collides with the cache's own files. */
    UNSAFE_KEY,
    DISK_FULL,
    /** Timeouts, resets and 5xx answers that persisted through every retry. */
    NETWORK,
    /** A downloaded file did not match its size or checksum, even after downloading it again. */
    CORRUPT,
    /** The object changed in the registry while it was being pulled. */
    CHANGED_DURING_PULL,
    CANCELLED,
    /** Reading or writing the local cache failed for another reason. */
    LOCAL_IO,
    OTHER
}
