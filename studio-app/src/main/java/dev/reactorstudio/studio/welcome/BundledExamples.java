package dev.reactorstudio.studio.welcome;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The example models that ship with the studio, and their writable copies. The installed app keeps
 * them read-only beside its jars ({@code lib/app/examples} of the app image); a source checkout has
 * them in {@code examples/}. Opening one copies it once to the user's examples folder
 * ({@code ~/ReactorStudio/examples/NAME}) and opens the copy, so an author edits and runs their own
 * files; a copy that exists already is opened as it is (it may hold the author's changes).
 */
public final class BundledExamples {
    /** Overrides where the bundled examples are read from (a folder of model folders). */
    public static final String LOCATION_PROPERTY = "reactor.examples";

    /** One bundled example: its folder in the install and a line about it. */
    public record Example(String name, Path source, String about) {}

    private final Optional<Path> root;
    private final Path copies;

    /** @param root the folder holding the example model folders; empty when this build has none */
    public BundledExamples(Optional<Path> root, Path copies) {
        this.root = root;
        this.copies = copies;
    }

    /** The examples of this install (see {@link #locate()}), copied into {@code copies}. */
    public static BundledExamples installed(Path copies) {
        return new BundledExamples(locate(), copies);
    }

    /**
     * Finds the examples: {@code -Dreactor.examples}, else an {@code examples} folder beside the
     * studio's jar or in one of its parent folders (app image: {@code lib/app/examples}; checkout:
     * {@code studio-app/target/reactor-studio.jar} → {@code examples/}).
     */
    public static Optional<Path> locate() {
        String configured = System.getProperty(LOCATION_PROPERTY, "");
        if (!configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        try {
            Path code = Path.of(BundledExamples.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("examples");
                if (Files.isRegularFile(candidate.resolve("hello-pattern").resolve("manifest.json"))) {
                    return Optional.of(candidate);
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: no bundled examples
        }
        return Optional.empty();
    }

    /** The bundled model folders (those with a manifest), the default example first. */
    public List<Example> list() {
        if (root.isEmpty()) {
            return List.of();
        }
        List<Example> examples = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root.get())) {
            folders.filter(f -> Files.isRegularFile(f.resolve("manifest.json")))
                    .sorted(Comparator.comparing((Path f) -> !f.getFileName().toString().equals("hello-pattern"))
                            .thenComparing(f -> f.getFileName().toString()))
                    .forEach(f -> examples.add(new Example(f.getFileName().toString(), f, about(f))));
        } catch (IOException e) {
            return List.of();
        }
        return examples;
    }

    /** The folder an example is copied to. */
    public Path copyOf(Example example) {
        return copies.resolve(example.name());
    }

    /**
     * A writable copy of {@code example}, made now unless it exists. The copy is made in a staging
     * folder and renamed into place, so an interrupted copy never passes for a complete one.
     */
    public Path writableCopy(Example example) throws IOException {
        Path target = copyOf(example);
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(copies);
        Path staging = Files.createTempDirectory(copies, "." + example.name() + "-");
        try (Stream<Path> files = Files.walk(example.source())) {
            for (Path from : files.toList()) {
                Path to = staging.resolve(example.source().relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    // Installed files are read-only: the copy must be the author's to edit.
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                    to.toFile().setWritable(true, true);
                }
            }
            Files.move(staging, target);
        } catch (FileAlreadyExistsException e) {
            deleteTree(staging); // copied meanwhile by another studio
        } catch (IOException e) {
            deleteTree(staging);
            throw e;
        }
        return target;
    }

    /** What kind of model it is, from its files. */
    private static String about(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".py") || f.toString().endsWith(".java")).toList();
            if (sources.stream().anyMatch(f -> f.toString().endsWith(".py"))) {
                return "Python model (numpy), run by the Python bridge";
            }
            for (Path source : sources) {
                if (Files.readString(source).contains("ai.djl")) {
                    return "Neural Java model: DJL + PyTorch on the CPU, weights from the registry";
                }
            }
            return "Java model, compiled when it loads";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
