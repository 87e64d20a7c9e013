package dev.reactorstudio.runtime.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking a manifest: every problem found, in document order, and the manifest
 * itself when nothing stops it from loading (warnings do not).
 */
public record ManifestCheck(Optional<Manifest> manifest, List<ManifestProblem> problems) {

    public ManifestCheck {
        Objects.requireNonNull(manifest, "manifest");
        problems = List.copyOf(problems);
        if (manifest.isPresent() && problems.stream().anyMatch(ManifestProblem::isError)) {
            throw new IllegalArgumentException("a manifest with errors must not be handed out: " + problems);
        }
    }

    static ManifestCheck failed(List<ManifestProblem> problems) {
        return new ManifestCheck(Optional.empty(), problems);
    }

    /** True when there are no errors (there may be warnings). */
    public boolean ok() {
        return errors().isEmpty();
    }

    public List<ManifestProblem> errors() {
        return problems.stream().filter(ManifestProblem::isError).toList();
    }

    public List<ManifestProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }
}
