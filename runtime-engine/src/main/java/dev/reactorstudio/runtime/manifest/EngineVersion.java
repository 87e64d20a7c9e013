package dev.reactorstudio.runtime.manifest;

import java.util.Optional;

/**
 * The version of this runtime engine and the rule deciding whether a model's
 * {@code "reactor-runtime"} requirement is met: same major version and not newer than us.
 */
public final class EngineVersion {

    /**
     * Used when the engine does not run from its jar (IDE, tests) and so has no
     * {@code Implementation-Version}. The one place to bump alongside the pom's version.
     */
    static final String FALLBACK = "0.1.0";

    /**
     * The seed's example manifest says {@code "reactor-runtime": "0.0.0"}, meaning "any runtime";
     * it must keep loading even after the engine reaches 1.0.
     */
    private static final Semver ANY = Semver.parse("0.0.0");

    private static final Semver CURRENT = detect();

    private EngineVersion() {
    }

    /** This engine's version: the jar's {@code Implementation-Version}, else {@value #FALLBACK}. */
    public static Semver current() {
        return CURRENT;
    }

    /** Why a model needing {@code required} cannot run on this engine; empty when it can. */
    public static Optional<String> compatibilityProblem(Semver required) {
        return compatibilityProblem(required, current());
    }

    /** Why a model needing {@code required} cannot run on a {@code runtime} engine; empty when it can. */
    public static Optional<String> compatibilityProblem(Semver required, Semver runtime) {
        if (required.compareTo(ANY) == 0 && !required.isPreRelease()) {
            return Optional.empty();
        }
        if (required.major() > runtime.major()) {
            return Optional.of("model needs runtime " + required + " but this is " + runtime
                    + " — install a " + required.major() + ".x runtime or lower \"reactor-runtime\"");
        }
        if (required.major() < runtime.major()) {
            return Optional.of("model was written for runtime " + required.major() + ".x (" + required
                    + ") but this is " + runtime + ", and a new major version may break it — update the model and set"
                    + " \"reactor-runtime\" to \"" + runtime + "\", or use a " + required.major() + ".x runtime");
        }
        if (required.compareTo(runtime) > 0) {
            return Optional.of("model needs runtime " + required + " but this is " + runtime
                    + " — update the runtime to " + required + " or later, or lower \"reactor-runtime\" to \""
                    + runtime + "\"");
        }
        return Optional.empty();
    }

    private static Semver detect() {
        String fromJar = EngineVersion.class.getPackage().getImplementationVersion();
        return Semver.tryParse(fromJar).orElseGet(() -> Semver.parse(FALLBACK));
    }
}
