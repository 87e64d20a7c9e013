package dev.reactorstudio.runtime.registry;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The digest a downloaded file must have, and where it came from. Chosen from the object's HEAD in
 * order of strength: our own {@code reactor-sha256} metadata (set by {@code reactor weights push},
 * survives multipart), a full-object S3 checksum, then a single-part ETag (the MD5 of the content
 * unless the object is KMS-encrypted). Composite multipart checksums and multipart ETags ({@code
 * …-N}) depend on the upload's part sizes, which we cannot know, so those objects get size only.
 *
 * @param value lower-case hex of the digest bytes
 */
public record ExpectedDigest(DigestAlgorithm algorithm, String value, String source) {
    public static final String SHA256_METADATA = "reactor-sha256";

    static Optional<ExpectedDigest> of(HeadObjectResponse head) {
        String meta = head.metadata().get(SHA256_METADATA);
        if (meta != null && meta.matches("(?i)[0-9a-f]{64}")) {
            return Optional.of(new ExpectedDigest(DigestAlgorithm.SHA256, meta.toLowerCase(Locale.ROOT), "x-amz-meta-" + SHA256_METADATA));
        }
        Optional<ExpectedDigest> checksum = fullObject(DigestAlgorithm.SHA256, head.checksumSHA256())
                .or(() -> fullObject(DigestAlgorithm.SHA1, head.checksumSHA1()))
                .or(() -> fullObject(DigestAlgorithm.CRC32C, head.checksumCRC32C()))
                .or(() -> fullObject(DigestAlgorithm.CRC32, head.checksumCRC32()));
        if (checksum.isPresent()) {
            return checksum;
        }
        return md5FromETag(ETags.strip(head.eTag()), head.serverSideEncryption());
    }

    static Optional<ExpectedDigest> md5FromETag(String eTag, ServerSideEncryption sse) {
        boolean kms = sse == ServerSideEncryption.AWS_KMS || sse == ServerSideEncryption.AWS_KMS_DSSE;
        if (eTag != null && eTag.matches("(?i)[0-9a-f]{32}") && !kms) {
            return Optional.of(new ExpectedDigest(DigestAlgorithm.MD5, eTag.toLowerCase(Locale.ROOT), "ETag"));
        }
        return Optional.empty();
    }

    /** Full-object checksums are base64 of the digest; composite ones end in {@code -<parts>}. */
    private static Optional<ExpectedDigest> fullObject(DigestAlgorithm algorithm, String base64) {
        if (base64 == null || base64.isBlank() || base64.contains("-")) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.strip());
            return Optional.of(new ExpectedDigest(algorithm, HexFormat.of().formatHex(bytes), "x-amz-checksum-" + algorithm.name().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return algorithm + " " + value + " (from " + source + ")";
    }
}
