package dev.reactorstudio.studio.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists the model classes in a model folder for the class picker, in the manifest's
 * {@code file:ClassName} form: Java classes extending {@code VideoModel} and Python classes
 * deriving from {@code VideoModel}. A text scan, not a compile: the picker must work while the
 * source does not build.
 */
public final class ClassFinder {
    private static final Pattern JAVA = Pattern.compile("(?m)^\\s*public\\s+(?:final\\s+|abstract\\s+)*class\\s+(\\w+)[^{]*?\\bextends\\s+(?:[\\w.]+\\.)?VideoModel\\b");
    private static final Pattern PYTHON = Pattern.compile("(?m)^class\\s+(\\w+)\\s*\\(\\s*(?:[\\w.]+\\.)?VideoModel\\s*\\)");

    private ClassFinder() {
    }

    public static List<String> find(Path folder) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(Files::isRegularFile).sorted().forEach(file -> scan(file, found));
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    private static void scan(Path file, List<String> found) {
        String name = file.getFileName().toString();
        Pattern pattern = name.endsWith(".java") ? JAVA : name.endsWith(".py") ? PYTHON : null;
        if (pattern == null) {
            return;
        }
        String stem = name.substring(0, name.lastIndexOf('.'));
        try {
            Matcher m = pattern.matcher(Files.readString(file));
            while (m.find()) {
                found.add(stem + ":" + m.group(1));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // unreadable files simply offer no class
        }
    }
}
