package dev.reactorstudio.studio.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;

/** The last opened model folders, newest first, kept in the user's preferences. */
public final class RecentProjects {
    private static final String KEY = "recentProjects";
    private static final int KEEP = 8;

    private final Preferences prefs;

    public RecentProjects(Preferences prefs) {
        this.prefs = prefs;
    }

    /** Existing folders only: one deleted since is silently dropped. */
    public List<Path> list() {
        String stored = prefs.get(KEY, "");
        return Arrays.stream(stored.split("\n")).filter(s -> !s.isBlank()).map(Path::of).filter(Files::isDirectory).toList();
    }

    public void add(Path folder) {
        List<Path> paths = new ArrayList<>(list());
        Path normal = folder.toAbsolutePath().normalize();
        paths.remove(normal);
        paths.add(0, normal);
        List<String> kept = paths.stream().limit(KEEP).map(Path::toString).toList();
        prefs.put(KEY, String.join("\n", kept));
    }
}
