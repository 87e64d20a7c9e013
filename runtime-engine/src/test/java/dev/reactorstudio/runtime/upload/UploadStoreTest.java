package dev.reactorstudio.runtime.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.UploadedFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final UploadStore store = new UploadStore(new UploadLimits(1000, 3, 2500));

    @AfterEach
    void close() {
        store.close();
    }

    private static InputStream bytes(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        return new ByteArrayInputStream(data);
    }

    private UploadedFile upload(String session, String owner, String name, int size) throws Exception {
        UploadSlot slot = store.allocate(session, owner, name, size, "image/png");
        return store.receive(slot.id(), size, bytes(size));
    }

    private static int status(ThrowingCall call) {
        try {
            call.run();
        } catch (UploadRejectedException e) {
            return e.status();
        } catch (Exception e) {
            throw new AssertionError("expected a rejection, got " + e, e);
        }
        throw new AssertionError("expected a rejection");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void receivedBytesLandInTheSessionFolderUnderTheSanitisedNameAndResolveForTheirOwner() throws Exception {
        store.openSession("s1");
        UploadSlot slot = store.allocate("s1", "viewer-a", "../../etc/passwd", 500, "text/plain");
        assertThat(slot.name()).isEqualTo("passwd");
        UploadedFile file = store.receive(slot.id(), 500, bytes(500));
        assertThat(file.path()).startsWith(store.sessionFolder("s1"));
        assertThat(Files.readAllBytes(file.path())).isEqualTo(bytes(500).readAllBytes());
        assertThat(file.size()).isEqualTo(500);
        assertThat(file.mimeType()).isEqualTo("text/plain");
        assertThat(store.resolve("s1", "viewer-a", slot.id(), 500)).isEqualTo(file);
    }

    @Test
    void badRequestsAreRefusedWithTheirStatusAndAMessageThatSaysWhatToFix() {
        store.openSession("s1");
        assertThat(status(() -> store.allocate("s1", "a", "a.png", 0, "image/png"))).isEqualTo(400);
        assertThat(status(() -> store.allocate("s1", "a", "a.png", -5, "image/png"))).isEqualTo(400);
        assertThat(status(() -> store.allocate("s1", "a", null, 10, "image/png"))).isEqualTo(400);
        assertThat(status(() -> store.allocate("s1", "a", "a.png", 10, "not a type"))).isEqualTo(400);
        assertThat(status(() -> store.allocate("s2", "a", "a.png", 10, "image/png"))).isEqualTo(404);
        assertThatThrownBy(() -> store.allocate("s1", "a", "big.bin", 1001, "application/octet-stream"))
                .isInstanceOf(UploadRejectedException.class)
                .hasMessageContaining("1001").hasMessageContaining("--max-upload-mb")
                .extracting(e -> ((UploadRejectedException) e).status()).isEqualTo(413);
        assertThat(store.count("s1")).isZero();
    }

    @Test
    void aBodyOfTheWrongSizeIsRefusedAndLeavesNothingButTheSlotOpenForARetry() throws Exception {
        store.openSession("s1");
        UploadSlot slot = store.allocate("s1", "a", "a.bin", 100, "");
        assertThat(slot.mimeType()).isEqualTo("application/octet-stream");
        assertThat(status(() -> store.receive(slot.id(), 99, bytes(99)))).isEqualTo(400);
        // No Content-Length: the count decides, in both directions.
        assertThat(status(() -> store.receive(slot.id(), -1, bytes(99)))).isEqualTo(400);
        assertThat(status(() -> store.receive(slot.id(), -1, bytes(101)))).isEqualTo(400);
        assertThat(status(() -> store.resolve("s1", "a", slot.id(), -1))).isEqualTo(409);
        try (var files = Files.walk(store.sessionFolder("s1"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
        UploadedFile file = store.receive(slot.id(), -1, bytes(100));
        assertThat(file.size()).isEqualTo(100);
        assertThat(status(() -> store.receive(slot.id(), 100, bytes(100)))).isEqualTo(409);
    }

    @Test
    void unknownIdsAndAnotherSessionsOrClientsUploadsAreRefused() throws Exception {
        store.openSession("s1");
        store.openSession("s2");
        UploadedFile file = upload("s1", "viewer-a", "a.png", 10);
        String id = file.path().getParent().getFileName().toString();
        assertThat(status(() -> store.resolve("s1", "viewer-a", "nope", -1))).isEqualTo(404);
        assertThat(status(() -> store.receive("nope", 1, bytes(1)))).isEqualTo(404);
        assertThat(status(() -> store.resolve("s1", "viewer-b", id, -1))).isEqualTo(403);
        assertThat(status(() -> store.resolve("s2", "viewer-a", id, -1))).isEqualTo(403);
        assertThat(status(() -> store.resolve("s1", "viewer-a", id, 11))).isEqualTo(400);
    }

    @Test
    void aSessionHoldsALimitedNumberAndSizeOfUploads() throws Exception {
        store.openSession("s1");
        upload("s1", "a", "1", 1000);
        upload("s1", "a", "2", 1000);
        // 2000 held + 600 > 2500
        assertThat(status(() -> store.allocate("s1", "a", "3", 600, "image/png"))).isEqualTo(413);
        store.allocate("s1", "a", "3", 10, "image/png");
        assertThat(status(() -> store.allocate("s1", "a", "4", 10, "image/png"))).isEqualTo(429);
    }

    @Test
    void endingASessionDeletesItsFilesAndForgetsItsIds() throws Exception {
        store.openSession("s1");
        store.openSession("s2");
        UploadedFile gone = upload("s1", "a", "a.png", 10);
        UploadedFile kept = upload("s2", "a", "b.png", 10);
        String id = gone.path().getParent().getFileName().toString();
        store.discardSession("s1");
        assertThat(store.sessionFolder("s1")).doesNotExist();
        assertThat(kept.path()).exists();
        assertThat(status(() -> store.resolve("s1", "a", id, -1))).isEqualTo(404);
        assertThat(status(() -> store.allocate("s1", "a", "c.png", 10, "image/png"))).isEqualTo(404);
        Path root = store.sessionFolder("s2").getParent();
        store.close();
        assertThat(root).doesNotExist();
    }

    @Test
    void storeCopiesALocalFileUnderTheSameRules(@TempDir Path dir) throws Exception {
        store.openSession("s1");
        Path source = dir.resolve("photo.png");
        Files.write(source, new byte[]{1, 2, 3});
        UploadedFile file = store.store("s1", "studio", source, "image/png");
        assertThat(file.name()).isEqualTo("photo.png");
        assertThat(Files.readAllBytes(file.path())).containsExactly(1, 2, 3);
        Path big = dir.resolve("big.bin");
        Files.write(big, new byte[1001]);
        assertThat(status(() -> store.store("s1", "studio", big, null))).isEqualTo(413);
    }

    @Test
    void referencesResolveToFilesByParameterAndEveryBadOneIsNamed() throws Exception {
        store.openSession("s1");
        UploadedFile file = upload("s1", "a", "a.png", 10);
        String id = file.path().getParent().getFileName().toString();
        JsonNode good = JSON.readTree("{\"image\":{\"upload_id\":\"" + id + "\",\"name\":\"a.png\",\"size\":10}}");
        assertThat(UploadReferences.resolve(store, "s1", "a", good)).isEqualTo(Map.of("image", file));
        assertThat(UploadReferences.resolve(store, "s1", "a", null)).isEmpty();
        JsonNode bad = JSON.readTree("{\"image\":{\"upload_id\":\"" + id + "\"},\"mask\":{\"upload_id\":\"zzz\"},"
                + "\"other\":{}}");
        assertThatThrownBy(() -> UploadReferences.resolve(store, "s1", "b", bad))
                .isInstanceOf(UploadRejectedException.class)
                .satisfies(e -> assertThat(((UploadRejectedException) e).problems()).hasSize(3)
                        .anySatisfy(p -> assertThat(p).startsWith("image: ").contains("another session"))
                        .anySatisfy(p -> assertThat(p).startsWith("mask: ").contains("unknown upload id"))
                        .anySatisfy(p -> assertThat(p).startsWith("other: ").contains("upload_id")));
    }

    @Test
    void limitsRejectNonsense() {
        assertThatThrownBy(() -> new UploadLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(UploadLimits.defaults().maxFileBytes()).isEqualTo(100L * 1024 * 1024);
    }
}
