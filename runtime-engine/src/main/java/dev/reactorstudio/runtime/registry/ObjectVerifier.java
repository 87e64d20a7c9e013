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

    /** Null when the file matches; otherwise what is wrong, in words. */
    String mismatch(Path file, long size, Optional<ExpectedDigest> digest) throws IOException, RegistryException {
        long actual = Files.size(file);
        if (actual != size) {
            return "size " + actual + " bytes, expected " + size;
        }
        if (digest.isPresent()) {
            String hex = FileDigester.hex(file, digest.get().algorithm(), cancel);
            if (!hex.equals(digest.get().value())) {
                return digest.get().algorithm() + " " + hex + ", expected " + digest.get();
            }
        }
        return null;
    }
}
