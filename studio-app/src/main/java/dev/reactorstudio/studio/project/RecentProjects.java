package dev.reactorstudio.studio.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The last opened model folders, newest first, kept in the studio's settings. A folder deleted or
 * moved since stays listed (the welcome screen greys it and offers Remove) until the user removes it.
 */
public final class RecentProjects {
    private static final String KEY = "recentProjects";
    private static final String OPEN_KEY = "openModel";
    private static final int KEEP = 10;

    /** One remembered folder and whether it is still there. */
    public record Entry(Path folder, boolean exists) {
        public String name() {
            return folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        }
    }

    private final Preferences prefs;

    public RecentProjects(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Existing folders only (the File › Open Recent menu). */
    public List<Path> list() {
        return entries().stream().filter(Entry::exists).map(Entry::folder).toList();
    }

    /** Every remembered folder, newest first, with whether it still exists. */
    public List<Entry> entries() {
        return stored().stream().map(p -> new Entry(p, Files.isDirectory(p))).toList();
    }

    public void add(Path folder) {
        List<Path> paths = new ArrayList<>(stored());
        Path normal = folder.toAbsolutePath().normalize();
        paths.remove(normal);
        paths.add(0, normal);
        store(paths);
        prefs.put(OPEN_KEY, normal.toString());
    }

    /** The model was closed (back to the welcome screen): the next launch opens none. */
    public void closed() {
        prefs.remove(OPEN_KEY);
    }

    /** The model open when the studio last ran, if it still exists. */
    public java.util.Optional<Path> lastOpen() {
        return java.util.Optional.ofNullable(prefs.get(OPEN_KEY, null)).map(Path::of).filter(Files::isDirectory);
    }

    public void remove(Path folder) {
        List<Path> paths = new ArrayList<>(stored());
        paths.remove(folder.toAbsolutePath().normalize());
        store(paths);
    }

    private List<Path> stored() {
        return Arrays.stream(prefs.get(KEY, "").split("\n")).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private void store(List<Path> paths) {
        prefs.put(KEY, String.join("\n", paths.stream().limit(KEEP).map(Path::toString).toList()));
    }
}
