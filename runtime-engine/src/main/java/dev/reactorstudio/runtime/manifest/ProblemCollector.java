package dev.reactorstudio.runtime.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gathers the problems of one manifest, stamping each with the position of the value (or key) it is
 * about, so rules only say what is wrong and where in JSON-path terms.
 */
final class ProblemCollector {

    // Positioned problems first in text order; unpositioned ones (missing keys) after, as added.
    private static final Comparator<ManifestProblem> DOCUMENT_ORDER = Comparator
            .comparing((ManifestProblem p) -> !p.hasPosition())
            .thenComparingInt(ManifestProblem::line)
            .thenComparingInt(ManifestProblem::column);

    private final LocatedJson json;
    private final List<ManifestProblem> problems = new ArrayList<>();

    ProblemCollector(LocatedJson json) {
        this.json = json;
    }

    /** An error about the value at {@code path}. */
    void error(String path, String message) {
        add(Severity.ERROR, path, message, json.valueAt(path));
    }

    /** A warning about the value at {@code path}. */
    void warning(String path, String message) {
        add(Severity.WARNING, path, message, json.valueAt(path));
    }

    /** An error about the key at {@code path} itself (e.g. a duplicate), not its value. */
    void errorAtKey(String path, String message, LocatedJson.Position at) {
        add(Severity.ERROR, path, message, at);
    }

    /** A warning about the key at {@code path} itself (e.g. an unknown key). */
    void warningAtKey(String path, String message) {
        add(Severity.WARNING, path, message, json.keyAt(path));
    }

    /** An error with no place in the text, such as a missing key. */
    void errorWithoutPosition(String path, String message) {
        add(Severity.ERROR, path, message, LocatedJson.Position.UNKNOWN);
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(ManifestProblem::isError);
    }

    List<ManifestProblem> inDocumentOrder() {
        List<ManifestProblem> sorted = new ArrayList<>(problems);
        sorted.sort(DOCUMENT_ORDER);
        return List.copyOf(sorted);
    }

    private void add(Severity severity, String path, String message, LocatedJson.Position at) {
        problems.add(new ManifestProblem(severity, path, message, at.line(), at.column()));
    }
}
