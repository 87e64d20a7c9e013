package dev.reactorstudio.runtime.registry;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/** The digests a weight file can be verified with, each computed over the whole file. */
public enum DigestAlgorithm {
    SHA256, SHA1, CRC32C, CRC32, MD5;

    /** A fresh accumulator; {@link Accumulator#finish()} returns the raw digest bytes. */
    Accumulator start() {
        return switch (this) {
            case SHA256 -> new MessageAccumulator("SHA-256");
            case SHA1 -> new MessageAccumulator("SHA-1");
            case MD5 -> new MessageAccumulator("MD5");
            case CRC32 -> new ChecksumAccumulator(new CRC32());
            case CRC32C -> new ChecksumAccumulator(new CRC32C());
        };
    }

    interface Accumulator {
        void update(ByteBuffer data);

        byte[] finish();
    }

    private static final class MessageAccumulator implements Accumulator {
        private final MessageDigest digest;

        MessageAccumulator(String name) {
            try {
                digest = MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + name, e);
            }
        }

        @Override
        public void update(ByteBuffer data) {
            digest.update(data);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }
    }

    /** S3 encodes CRC checksums as the big-endian 4-byte value. */
    private static final class ChecksumAccumulator implements Accumulator {
        private final Checksum checksum;

        ChecksumAccumulator(Checksum checksum) {
            this.checksum = checksum;
        }

        @Override
        public void update(ByteBuffer data) {
            checksum.update(data);
        }

        @Override
        public byte[] finish() {
            return ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array();
        }
    }
}
