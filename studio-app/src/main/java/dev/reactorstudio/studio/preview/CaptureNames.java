package dev.reactorstudio.studio.preview;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** File names for snapshots and recordings: model name and local time, so they sort and never clash in practice. */
final class CaptureNames {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private CaptureNames() {
    }

    static Path next(Path folder, String model, String extension) {
        return folder.resolve(model + "-" + STAMP.format(LocalDateTime.now(ZoneId.systemDefault())) + "." + extension);
    }
}
