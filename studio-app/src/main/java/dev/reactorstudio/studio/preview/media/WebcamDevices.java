package dev.reactorstudio.studio.preview.media;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The webcams of this machine: the V4L2 capture nodes {@code /dev/videoN} that exist, named as
 * {@code /sys/class/video4linux} names them. A camera usually has a second node for metadata
 * ({@code index} 1); only capture nodes ({@code index} 0) are listed.
 */
public final class WebcamDevices {
    /** One device: its node and the driver's name for it. */
    public record Device(String path, String name) {
        @Override
        public String toString() {
            return name.isEmpty() ? path : name + " (" + path + ")";
        }
    }

    private final Path dev;
    private final Path sys;

    public WebcamDevices() {
        this(Path.of("/dev"), Path.of("/sys/class/video4linux"));
    }

    WebcamDevices(Path dev, Path sys) {
        this.dev = dev;
        this.sys = sys;
    }

    public List<Device> list() {
        List<Device> found = new ArrayList<>();
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dev, "video[0-9]*")) {
            for (Path node : nodes) {
                String id = node.getFileName().toString();
                if (!"1".equals(read(sys.resolve(id).resolve("index")))) {
                    found.add(new Device(node.toString(), read(sys.resolve(id).resolve("name"))));
                }
            }
        } catch (IOException | SecurityException e) {
            return List.of();
        }
        found.sort(Comparator.comparingInt(d -> number(d.path())));
        return found;
    }

    private static int number(String path) {
        try {
            return Integer.parseInt(Path.of(path).getFileName().toString().replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }

    /** What the row says when Webcam is chosen and {@code device} is not there. */
    static String noneMessage(String device) {
        return device == null
                ? "No webcam found: this machine has no /dev/video* device. Plug one in and choose Webcam again, or feed a Video file or an Image."
                : "Webcam " + device + " is gone (unplugged?). Plug it in and choose Webcam again, or feed a Video file or an Image.";
    }
}
