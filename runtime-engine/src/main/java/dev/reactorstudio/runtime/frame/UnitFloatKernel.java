package dev.reactorstudio.runtime.frame;

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
 * rounded 0..255 bytes (like {@code (byte) (int) (v * 255f + 0.5f)}) and checks their range in
 * one pass, writing into the frame array directly. The library ships inside the engine jar for
 * the platform that built it and is loaded on first use; where it is missing (another platform, a build
 * without gcc) or disabled ({@code -Dreactor.frames.native=false}) {@link #available()} is false
 * and callers convert another way.
 */
public final class UnitFloatKernel {
    static final String DISABLE_PROPERTY = "reactor.frames.native";
    private static final Logger LOG = LoggerFactory.getLogger(UnitFloatKernel.class);
    private static final boolean LOADED = load();

    private UnitFloatKernel() {}

    public static boolean available() {
        return LOADED;
    }

    /**
     * Converts {@code frame.length} floats starting at float index {@code first} of
     * {@code floats} (a direct, native-order buffer, e.g. a tensor's host memory) into {@code frame}.
     *
     * @return false when a value is outside 0..1 or NaN; {@code frame} then holds garbage
     */
    public static boolean toBytes(ByteBuffer floats, long first, byte[] frame) {
        if (!floats.isDirect()) {
            throw new IllegalArgumentException("unit-float kernel needs a direct buffer");
        }
        requireRange(first, frame.length, floats.capacity() / Float.BYTES);
        return fromBuffer(floats, first, frame);
    }

    /** As {@link #toBytes(ByteBuffer, long, byte[])}, reading {@code floats[first ..]}. */
    public static boolean toBytes(float[] floats, int first, byte[] frame) {
        requireRange(first, frame.length, floats.length);
        return fromArray(floats, first, frame);
    }

    // C reads and writes without bounds checks: the wrappers above are the checks.
    private static void requireRange(long first, int count, long available) {
        if (first < 0 || first + count > available) {
            throw new IndexOutOfBoundsException("floats " + first + ".." + (first + count) + " outside " + available);
        }
    }

    private static native boolean fromBuffer(ByteBuffer floats, long first, byte[] frame);

    private static native boolean fromArray(float[] floats, int first, byte[] frame);

    private static boolean load() {
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            LOG.info("Native float conversion disabled (-D{}=false)", DISABLE_PROPERTY);
            return false;
        }
        String resource = libraryName();
        try (InputStream library = UnitFloatKernel.class.getResourceAsStream(resource)) {
            if (library == null) {
                LOG.info("No native float conversion for {} in this build; float frames convert more slowly", platform());
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
            LOG.warn("Native float conversion failed to load ({}); float frames convert more slowly", e.toString());
            return false;
        }
    }

    /** Named by runtime-engine/pom.xml after the building platform, e.g. {@code libreactorframes-Linux-amd64.so}. */
    static String libraryName() {
        return "libreactorframes-" + platform() + ".so";
    }

    private static String platform() {
        return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
    }
}
