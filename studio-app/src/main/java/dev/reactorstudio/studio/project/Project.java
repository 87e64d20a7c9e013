package dev.reactorstudio.studio.project;

import java.nio.file.Files;
import java.nio.file.Path;

/** An open model folder. */
public record Project(Path folder) {

    public Project {
        folder = folder.toAbsolutePath().normalize();
    }

    public Path manifest() {
        return folder.resolve("manifest.json");
    }

    /** A folder is a model folder when it has a manifest; the studio still opens others and says so. */
    public boolean hasManifest() {
        return Files.isRegularFile(manifest());
    }

    public String name() {
        return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
    }
}
