package dev.reactorstudio.studio.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every current problem of the project, kept per source ("manifest", "compiler") so each checker
 * replaces only its own findings. FX thread only.
 */
public final class ProblemList {
    private final Map<String, List<Problem>> bySource = new LinkedHashMap<>();
    private final ObservableList<Problem> all = FXCollections.observableArrayList();

    public void replace(String source, List<Problem> problems) {
        bySource.put(source, List.copyOf(problems));
        List<Problem> merged = new ArrayList<>();
        bySource.values().forEach(merged::addAll);
        all.setAll(merged);
    }

    public void clear() {
        bySource.clear();
        all.clear();
    }

    public ObservableList<Problem> all() {
        return all;
    }

    public long errorCount() {
        return all.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    }
}
