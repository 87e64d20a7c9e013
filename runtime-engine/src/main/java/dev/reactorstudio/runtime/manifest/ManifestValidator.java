package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a {@code manifest.json} and, when nothing is wrong, turns it into a {@link Manifest}.
 * Bad input never throws: every problem is reported at once, in document order, each naming the
 * field, what is wrong and how to fix it — the studio shows them live while the author types.
 */
public final class ManifestValidator {

    public static final String FILE_NAME = "manifest.json";

    private ManifestValidator() {
    }

    /** Reads {@code <folder>/manifest.json}, or the given file when it is one, and checks it. */
    public static ManifestCheck read(Path folderOrManifestFile) {
        Path given = folderOrManifestFile.toAbsolutePath().normalize();
        boolean isFile = Files.isRegularFile(given) || (!Files.exists(given) && given.toString().endsWith(".json"));
        Path file = isFile ? given : given.resolve(FILE_NAME);
        Path folder = file.getParent();
        if (!Files.isDirectory(folder)) {
            return fileProblem("model folder " + folder + " does not exist — check the path");
        }
        try {
            return validate(Files.readString(file), folder);
        } catch (NoSuchFileException e) {
            return fileProblem(file + " not found — create " + FILE_NAME + " (reactor init NAME makes one)");
        } catch (MalformedInputException e) {
            return fileProblem(file + " is not UTF-8 text — save it with UTF-8 encoding");
        } catch (AccessDeniedException e) {
            return fileProblem("cannot read " + file + ": permission denied — check the file's permissions");
        } catch (IOException e) {
            return fileProblem("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Checks manifest text. {@code folder} is the model folder it belongs to (recorded in the manifest,
     * not read).
     */
    public static ManifestCheck validate(String jsonText, Path folder) {
        return validate(jsonText, folder, EngineVersion.current());
    }

    /** As {@link #validate(String, Path)}, against a given runtime version (tests pin it). */
    static ManifestCheck validate(String jsonText, Path folder, Semver runtime) {
        Objects.requireNonNull(folder, "folder");
        try {
            return check(jsonText == null ? "" : jsonText, folder, runtime);
        } catch (RuntimeException bug) {
            // A bug here must not take the studio's editor down with it; say so instead.
            return fileProblem("could not check the manifest (a bug in the runtime, please report it): " + bug);
        }
    }

    private static ManifestCheck check(String jsonText, Path folder, Semver runtime) {
        String text = jsonText.startsWith("\uFEFF") ? jsonText.substring(1) : jsonText; // editors may save a BOM
        LocatedJson json;
        try {
            json = LocatingJsonParser.parse(text);
        } catch (JsonProcessingException e) {
            return ManifestCheck.failed(List.of(SyntaxErrorExplainer.explain(text, e)));
        } catch (IOException e) {
            return fileProblem("could not read the JSON: " + e.getMessage());
        }
        if (json.root() == null) {
            return fileProblem("the manifest is empty — it needs a JSON object like {\"reactor-runtime\": \""
                    + runtime + "\", \"class\": ..., \"model_name\": ..., \"model_version\": ...}"
                    + " (reactor init NAME makes one)");
        }
        if (!json.root().isObject()) {
            ProblemCollector problems = new ProblemCollector(json);
            problems.error("", "the manifest must be a JSON object {...}, but this file holds "
                    + JsonValues.describe(json.root()));
            return ManifestCheck.failed(problems.inDocumentOrder());
        }
        ProblemCollector problems = new ProblemCollector(json);
        ObjectNode root = (ObjectNode) json.root();
        reportDuplicates(json, problems);
        Optional<ClassReference> classReference = checkFields(root, runtime, problems);
        reportMissing(root, runtime, problems);
        if (problems.hasErrors() || classReference.isEmpty()) {
            return ManifestCheck.failed(problems.inDocumentOrder());
        }
        return new ManifestCheck(Optional.of(toManifest(root, folder, classReference.get())), problems.inDocumentOrder());
    }

    private static Optional<ClassReference> checkFields(ObjectNode root, Semver runtime, ProblemCollector problems) {
        Optional<ClassReference> classReference = Optional.empty();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case ManifestKeys.REACTOR_RUNTIME -> JsonValues.requireString(value, key, runtime.toString(), problems)
                        .ifPresent(text -> VersionRules.checkReactorRuntime(text, runtime, problems));
                case ManifestKeys.CLASS -> classReference = JsonValues
                        .requireString(value, key, "model_pattern:PatternModel", problems)
                        .flatMap(text -> ClassFieldRule.check(text, problems));
                case ManifestKeys.MODEL_NAME -> JsonValues.requireString(value, key, ModelNameRule.EXAMPLE, problems)
                        .ifPresent(text -> ModelNameRule.check(text, problems));
                case ManifestKeys.MODEL_VERSION -> JsonValues.requireString(value, key, "1.0.0", problems)
                        .ifPresent(text -> VersionRules.checkModelVersion(text, problems));
                case ManifestKeys.ARGS -> ArgsRules.check(value, problems);
                case ManifestKeys.WEIGHTS -> WeightsRules.check(value, problems);
                case ManifestKeys.TRACKS -> TracksRules.check(value, problems);
                default -> problems.warningAtKey(key, unknownKeyMessage(key));
            }
        }
        return classReference;
    }

    private static String unknownKeyMessage(String key) {
        if (key.equals(ManifestKeys.FPS) || key.equals(ManifestKeys.SIZE)) {
            return "unknown key, ignored — did you mean to put it inside \"args\": {\"" + key + "\": ...}?";
        }
        return KeySuggester.closest(key, ManifestKeys.ALL)
                .map(known -> "unknown key, ignored — did you mean \"" + known + "\"?")
                .orElse("unknown key, ignored");
    }

    private static void reportDuplicates(LocatedJson json, ProblemCollector problems) {
        for (LocatedJson.DuplicateKey d : json.duplicates()) {
            String also = d.first() == null ? "" : " (also at line " + d.first().line() + ")";
            problems.errorAtKey(d.path(), "given twice" + also + " — keep one; only the last one would count",
                    d.again());
        }
    }

    private static void reportMissing(ObjectNode root, Semver runtime, ProblemCollector problems) {
        for (String key : ManifestKeys.REQUIRED) {
            if (!root.has(key)) {
                problems.errorWithoutPosition(key, "missing — add " + missingExample(key, runtime));
            }
        }
    }

    private static String missingExample(String key, Semver runtime) {
        return switch (key) {
            case ManifestKeys.REACTOR_RUNTIME -> "\"reactor-runtime\": \"" + runtime
                    + "\" (the runtime version the model needs)";
            case ManifestKeys.CLASS -> "\"class\": \"model_file:ClassName\" (e.g. \"model_pattern:PatternModel\")";
            case ManifestKeys.MODEL_NAME -> "\"model_name\": \"" + ModelNameRule.EXAMPLE + "\" ("
                    + ModelNameRule.ALPHABET + ")";
            case ManifestKeys.MODEL_VERSION -> "\"model_version\": \"1.0.0\" (MAJOR.MINOR.PATCH)";
            default -> "\"" + key + "\"";
        };
    }

    // Only called once every field has been checked, so the casts and lookups here cannot fail.
    private static Manifest toManifest(ObjectNode root, Path folder, ClassReference classReference) {
        JsonNode args = root.get(ManifestKeys.ARGS);
        List<String> weights = new ArrayList<>();
        JsonNode w = root.get(ManifestKeys.WEIGHTS);
        if (w != null) {
            w.forEach(entry -> weights.add(entry.textValue()));
        }
        return new Manifest(folder,
                root.get(ManifestKeys.REACTOR_RUNTIME).textValue(),
                root.get(ManifestKeys.CLASS).textValue(),
                classReference,
                root.get(ManifestKeys.MODEL_NAME).textValue(),
                root.get(ManifestKeys.MODEL_VERSION).textValue(),
                args == null ? null : (ObjectNode) args,
                weights,
                TracksRules.read(root.get(ManifestKeys.TRACKS)));
    }

    private static ManifestCheck fileProblem(String message) {
        return ManifestCheck.failed(List.of(new ManifestProblem(Severity.ERROR, "", message)));
    }
}
