package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.manifest.EngineVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reactor init NAME [--python|--djl]}: a model folder that validates and runs as created — Java by
 * default, a DJL (PyTorch) Java model with {@code --djl}, or seed-style Python ({@code manifest.json},
 * {@code model_<name>.py}, {@code requirements.txt}, README) with {@code --python}.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new model folder NAME.")
final class InitCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Folder to create; its last part becomes the model name.")
    Path target;

    @Option(names = "--python", description = "Create a Python model (seed layout) instead of a Java one.")
    boolean python;

    @Option(names = "--djl", description = "Start from a DJL (PyTorch) model that emits tensors.")
    boolean djl;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(target) && (!Files.isDirectory(target) || hasFiles(target))) {
            err.println("reactor init: " + target + " already exists and is not empty — choose another name");
            return 1;
        }
        if (python && djl) {
            err.println("reactor init: choose one of --python and --djl");
            return 2;
        }
        String name = modelName(target.getFileName().toString());
        if (name.isEmpty()) {
            err.println("reactor init: \"" + target.getFileName() + "\" has no letters or digits to name a model after");
            return 2;
        }
        String file = name.replace('-', '_');
        String className = className(name);
        Files.createDirectories(target);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.json", "manifest.json");
        if (python) {
            files.put("model_" + file + ".py", "model.py.txt");
            files.put("requirements.txt", "requirements.txt");
            files.put("README.md", "README.md");
        } else {
            files.put("model_" + file + ".java", "model.java.txt");
        }
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Files.writeString(target.resolve(entry.getKey()), fill(entry.getValue(), name, file, className));
            out.println("Created " + target.resolve(entry.getKey()));
        }
        out.println("Run it: reactor run " + target);
        out.flush();
        return 0;
    }

    private static boolean hasFiles(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    /** Lowercase letters, digits, - and _, as the manifest requires. */
    static String modelName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|[-_]+$", "");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    static String className(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("[-_]")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String base = sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0)) ? "M" + sb : sb.toString();
        return base + "Model";
    }

    private String templateFolder() {
        return python ? "python" : djl ? "java-djl" : "java";
    }

    private String fill(String template, String name, String file, String className) throws IOException {
        String resource = "/templates/" + templateFolder() + "/" + template;
        try (InputStream in = InitCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("template " + template + " missing from the engine jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{name}}", name).replace("{{file}}", file).replace("{{class}}", className)
                    .replace("{{runtime}}", EngineVersion.current().toString());
        }
    }
}
