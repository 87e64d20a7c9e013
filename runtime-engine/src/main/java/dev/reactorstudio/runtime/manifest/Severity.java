package dev.reactorstudio.runtime.manifest;

/** How bad a {@link ManifestProblem} is: errors stop the model from loading, warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
