package dev.reactorstudio.runtime.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.BitSet;
import java.util.Optional;

/**
 * The resume state of a {@code .part} file: which object version it belongs to and which chunks are
 * fully written. Chunks of a large file arrive out of order, so the file's length says nothing;
 * this bitmap does. A state for another ETag, size or chunk size means the part is stale.
 */
record PartState(String eTag, long size, long chunkSize, String done) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static PartState of(RemoteObject object, long chunkSize, BitSet done) {
        return new PartState(object.eTag(), object.size(), chunkSize, Base64.getEncoder().encodeToString(done.toByteArray()));
    }

    BitSet doneChunks() {
        return BitSet.valueOf(Base64.getDecoder().decode(done));
    }

    boolean matches(RemoteObject object, long expectedChunkSize) {
        return eTag.equals(object.eTag()) && size == object.size() && chunkSize == expectedChunkSize;
    }

    static Optional<PartState> read(Path stateFile) {
        try {
            return Files.exists(stateFile) ? Optional.of(JSON.readValue(stateFile.toFile(), PartState.class)) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // a torn or foreign state: start that file over
        }
    }

    /**
     * Tear-free but not forced to disk: the state is a resume hint. After a power cut it may claim
     * chunks whose bytes never reached the disk; the caller either verifies those bytes by digest
     * or forces the part before writing the state.
     */
    void write(Path stateFile) throws IOException {
        AtomicFiles.replace(stateFile, JSON.writeValueAsBytes(this), false);
    }
}
