package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Verifies a downloaded file against its object: size always, then the strongest digest the
 * object's HEAD offers ({@link ExpectedDigest}). The HEAD is pinned with {@code If-Match} so a
 * file is never checked against a newer version of the object.
 */
final class ObjectVerifier {
    private final S3Client s3;
    private final String bucket;
    private final RegistrySettings settings;
    private final CancelSignal cancel;

    ObjectVerifier(S3Client s3, String bucket, RegistrySettings settings, CancelSignal cancel) {
        this.s3 = s3;
        this.bucket = bucket;
        this.settings = settings;
        this.cancel = cancel;
    }

    /** What the file must match; empty digest means size only. */
    Optional<ExpectedDigest> expected(RemoteObject object) throws RegistryException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(object.key())
                    .ifMatch(ETags.quoted(object.eTag())).checksumMode(ChecksumMode.ENABLED));
            return ExpectedDigest.of(head);
        } catch (RuntimeException e) {
            cancel.throwIfCancelled();
            throw ErrorTranslator.translate(e, "reading the checksum of " + object.key(), settings);
        }
    }

    /** Null when the file matches; otherwise what is wrong, in words. Reads the whole file to hash it. */
    String mismatch(Path file, long size, Optional<ExpectedDigest> digest) throws IOException, RegistryException {
        String sizeProblem = sizeMismatch(file, size);
        if (sizeProblem != null || digest.isEmpty()) {
            return sizeProblem;
        }
        return digestMismatch(FileDigester.hex(file, digest.get().algorithm(), cancel), digest.get());
    }

    /** Like {@link #mismatch(Path, long, Optional)} for a part whose digest was computed while it was written. */
    String mismatch(Path file, long size, Optional<ExpectedDigest> digest, InOrderDigest computed)
            throws IOException, RegistryException {
        String sizeProblem = sizeMismatch(file, size);
        if (sizeProblem != null || digest.isEmpty()) {
            return sizeProblem;
        }
        if (computed == null || computed.algorithm() != digest.get().algorithm()) {
            throw new IllegalStateException("no " + digest.get().algorithm() + " was computed while downloading " + file);
        }
        return digestMismatch(computed.finishHex(), digest.get());
    }

    private static String sizeMismatch(Path file, long size) throws IOException {
        long actual = Files.size(file);
        return actual == size ? null : "size " + actual + " bytes, expected " + size;
    }

    private static String digestMismatch(String hex, ExpectedDigest expected) {
        return hex.equals(expected.value()) ? null : expected.algorithm() + " " + hex + ", expected " + expected;
    }
}
