package dev.reactorstudio.runtime.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@value CacheLayout#COMPLETION_RECORD}: what a complete weight folder holds, written last and
 * atomically. Its presence is what makes a folder count as cached ({@code LocalWeights} checks it);
 * {@code reactor weights verify} re-hashes the files against it.
 *
 * @param format   1; bumped if the shape changes incompatibly
 * @param registry where it came from ({@code s3://bucket/prefix}), or {@code local} for pushes of a folder
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompletionRecord(int format, String weight, String registry, String completedAt, List<Entry> files) {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One file. {@code digest} is null when the registry offered nothing to verify but the size.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String path, String key, long size, String eTag, ExpectedDigest digest) {}

    public CompletionRecord {
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(Entry::size).sum();
    }

    Map<String, Entry> byPath() {
        return files.stream().collect(Collectors.toMap(Entry::path, Function.identity()));
    }

    /** The record of {@code folder}, or empty when there is none or it is unreadable (not complete then). */
    public static Optional<CompletionRecord> read(Path folder) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(folder.resolve(CacheLayout.COMPLETION_RECORD)), CompletionRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void writeTo(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(CacheLayout.COMPLETION_RECORD), JSON.writeValueAsBytes(this));
    }

    /** Deleting the record first makes a folder under repair count as incomplete right away. */
    static void remove(Path folder) throws IOException {
        Files.deleteIfExists(folder.resolve(CacheLayout.COMPLETION_RECORD));
        AtomicFiles.forceFolder(folder);
    }
}
