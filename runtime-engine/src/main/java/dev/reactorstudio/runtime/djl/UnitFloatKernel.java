package dev.reactorstudio.runtime.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fused float-to-byte pass of {@code src/main/native/unit_floats.c}: scales 0..1 floats to
 * rounded 0..255 bytes and checks their range in one pass over the tensor's host memory, writing
 * into the frame array directly. The library ships inside the engine jar for linux-x86_64 and is
 * loaded on first use; where it is missing (another platform, a build without gcc) or disabled
 * ({@code -Dreactor.frames.native=false}) {@link #available()} is false and callers use tensor ops.
 */
final class UnitFloatKernel {
    static final String DISABLE_PROPERTY = "reactor.frames.native";
    private static final Logger LOG = LoggerFactory.getLogger(UnitFloatKernel.class);
    private static final boolean LOADED = load();

    private UnitFloatKernel() {}

    static boolean available() {
        return LOADED;
    }

    /**
     * Converts {@code frame.length} floats starting at float index {@code first} of
     * {@code floats} (a direct, native-order buffer) into {@code frame}.
     *
     * @return false when a value is outside 0..1 or NaN; {@code frame} then holds garbage
     */
    static boolean toBytes(ByteBuffer floats, long first, byte[] frame) {
        if (!floats.isDirect()) {
            throw new IllegalArgumentException("unit-float kernel needs a direct buffer");
        }
        if (first < 0 || (first + frame.length) * Float.BYTES > floats.capacity()) {
            throw new IndexOutOfBoundsException("floats " + first + ".." + (first + frame.length)
                    + " outside a buffer of " + floats.capacity() / Float.BYTES);
        }
        return toBytes0(floats, first, frame);
    }

    // The wrapper above checks what C would silently overrun.
    private static native boolean toBytes0(ByteBuffer floats, long first, byte[] frame);

    private static boolean load() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            LOG.info("Native float conversion disabled (-D{}=false); using tensor ops", DISABLE_PROPERTY);
            return false;
        }
        String resource = "libreactorframes-" + platform() + ".so";
        try (InputStream library = UnitFloatKernel.class.getResourceAsStream(resource)) {
            if (library == null) {
                LOG.info("No native float conversion for {} in this build; using tensor ops", platform());
                return false;
            }
            Path file = Files.createTempFile("reactorframes", ".so");
            try {
                Files.copy(library, file, StandardCopyOption.REPLACE_EXISTING);
                System.load(file.toAbsolutePath().toString());
            } finally {
                // Mapped now; the file itself is not needed and must not pile up in /tmp.
                Files.deleteIfExists(file);
            }
            return true;
        } catch (IOException | UnsatisfiedLinkError e) {
            LOG.warn("Native float conversion failed to load ({}); using tensor ops", e.toString());
            return false;
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux") ? "linux" : "other";
        String arch = System.getProperty("os.arch");
        return os + "-" + ("amd64".equals(arch) || "x86_64".equals(arch) ? "x86_64" : arch);
    }
}
