package dev.reactorstudio.studio.app;

import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.model.CompileError;
import dev.reactorstudio.studio.common.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns the engine's findings (manifest problems, compile errors) into the studio's problems list and line marks. */
final class Problems {
    private Problems() {
    }

    static List<Problem> of(ManifestCheck check, Path manifest) {
        return check.problems().stream().map(p -> new Problem(
                p.isError() ? Problem.Severity.ERROR : Problem.Severity.WARNING, manifest, p.path(), p.line(), p.message()))
                .toList();
    }

    static List<Problem> of(List<CompileError> errors, Path folder) {
        return errors.stream().map(e -> new Problem(Problem.Severity.ERROR, folder.resolve(e.file()), "",
                (int) e.line(), e.message())).toList();
    }

    /** file → line → message, for the editors' gutters. */
    static Map<Path, Map<Integer, String>> byFileAndLine(List<CompileError> errors, Path folder) {
        Map<Path, Map<Integer, String>> map = new LinkedHashMap<>();
        for (CompileError e : errors) {
            if (e.line() > 0) {
                map.computeIfAbsent(folder.resolve(e.file()), f -> new TreeMap<>())
                        .merge((int) e.line(), e.message(), (a, b) -> a + "\n" + b);
            }
        }
        return map;
    }

}
