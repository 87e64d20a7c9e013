package dev.reactorstudio.runtime.manifest;

import java.util.Optional;

/** Checks the two version fields: {@code model_version} is semver; {@code reactor-runtime} also fits this engine. */
final class VersionRules {

    private VersionRules() {
    }

    static void checkModelVersion(String text, ProblemCollector problems) {
        parse(text, ManifestKeys.MODEL_VERSION, "1.0.0", problems);
    }

    static void checkReactorRuntime(String text, Semver runtime, ProblemCollector problems) {
        parse(text, ManifestKeys.REACTOR_RUNTIME, runtime.toString(), problems)
                .flatMap(required -> EngineVersion.compatibilityProblem(required, runtime))
                .ifPresent(message -> problems.error(ManifestKeys.REACTOR_RUNTIME, message));
    }

    private static Optional<Semver> parse(String text, String path, String example, ProblemCollector problems) {
        Optional<Semver> version = Semver.tryParse(text);
        if (version.isEmpty()) {
            String like = Semver.suggestionFor(text).map(Semver::toString).orElse(example);
            problems.error(path, JsonValues.quote(text) + " is not semver — use MAJOR.MINOR.PATCH like \"" + like + "\"");
        }
        return version;
    }
}
