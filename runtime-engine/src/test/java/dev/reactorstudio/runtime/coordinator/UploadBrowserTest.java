package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.upload.UploadLimits;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code reactor.uploadFile} of the unmodified JS SDK 2.9.0 in headless Chromium, then
 * examples/webcam-mirror's {@code set_overlay} taking the FileRef: the bytes reach the model
 * identical (SHA-256 computed by the model from the file it was handed, which it decodes and
 * overlays), and an upload over the limit fails in the SDK with our 413.
 */
@Tag("webrtc")
class UploadBrowserTest {
    private static final Logger LOG = LoggerFactory.getLogger(UploadBrowserTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = 2 * UploadLimits.MIB;
    private static StackUnderTest stack;

    @BeforeAll
    static void startServices() throws Exception {
        BrowserDriver.requireNamespace();
        stack = StackUnderTest.example("webcam-mirror", BrowserDriver.SERVER_ADDRESS, Map.of(),
                HostOptions.defaults().withUploads(UploadLimits.ofMaxFileBytes(LIMIT)));
    }

    @AfterAll
    static void stopServices() {
        if (stack != null) {
            stack.close();
        }
    }

    /** A real PNG of about 700 KB (noise does not compress), so the upload spans many network reads. */
    private static Path noisePng(Path dir) throws Exception {
        BufferedImage image = new BufferedImage(480, 480, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(14);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        Path file = dir.resolve("noise photo.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void anUploadedFileArrivesByteIdenticalAtTheModelAndAnOversizedOneIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("upload-browser-");
        try {
            Path png = noisePng(dir);
            byte[] bytes = Files.readAllBytes(png);
            String spec = JSON.writeValueAsString(Map.of("model", "webcam-mirror", "file", png.toString(),
                    "name", "noise photo.png", "mime", "image/png", "command", "set_overlay", "param", "image",
                    "expect", Map.of("type", "upload_received"), "tooLarge", LIMIT + 1));
            JsonNode r = BrowserDriver.run(stack.apiUrl(), line -> LOG.info("{}", line), "upload", spec);
            assertThat(r.path("ok").asBoolean()).as("browser scenario: %s", r).isTrue();
            JsonNode received = r.path("matched");
            assertThat(received.path("sha256").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            assertThat(received.path("size").asLong()).isEqualTo(bytes.length).isGreaterThan(500_000);
            assertThat(received.path("name").asText()).isEqualTo("noise photo.png");
            assertThat(received.path("overlaid").asBoolean()).as("the model decoded the PNG").isTrue();
            assertThat(r.path("ref").path("uploadId").asText()).matches("[0-9a-f]{32}");
            assertThat(r.path("tooLargeError").asText()).contains("413").contains("--max-upload-mb");
            assertThat(r.path("errors")).isEmpty();
        } finally {
            UploadProbeFolder.delete(dir);
        }
    }
}
