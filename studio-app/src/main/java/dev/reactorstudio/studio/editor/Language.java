package dev.reactorstudio.studio.editor;

import java.nio.file.Path;
import java.util.Locale;

/** The languages the editor highlights, picked from the file name. */
public enum Language {
    JAVA, PYTHON, JSON, PLAIN;

    public static Language of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".java")) {
            return JAVA;
        }
        if (name.endsWith(".py")) {
            return PYTHON;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        return PLAIN;
    }
}
