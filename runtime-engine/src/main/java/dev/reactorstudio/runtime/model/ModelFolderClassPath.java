package dev.reactorstudio.runtime.model;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class path a model folder brings: {@code classes/}, {@code *.jar} and {@code lib/*.jar},
 * jars sorted by name so two loads of one folder always see the same class first.
 */
final class ModelFolderClassPath {

    private ModelFolderClassPath() {}

    static List<Path> entries(Path folder) throws ModelLoadException {
        List<Path> entries = new ArrayList<>();
        Path classes = folder.resolve("classes");
        if (Files.isDirectory(classes)) {
            entries.add(classes);
        }
        entries.addAll(jars(folder));
        entries.addAll(jars(folder.resolve("lib")));
        return entries;
    }

    private static List<Path> jars(Path dir) throws ModelLoadException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ModelLoadException("cannot list the jars in " + dir + ": " + e.getMessage(), e);
        }
    }

    static URL[] urls(List<Path> entries) throws ModelLoadException {
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new ModelLoadException("cannot use " + entries.get(i) + " as a class path entry", e);
            }
        }
        return urls;
    }
}
