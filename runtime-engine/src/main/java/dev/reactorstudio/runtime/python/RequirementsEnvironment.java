package dev.reactorstudio.runtime.python;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Python model's {@code requirements.txt}, installed once into a virtual environment of its own:
 * {@code python3 -m venv --system-site-packages} (numpy or torch installed system-wide are reused,
 * not downloaded again), then {@code pip install -r requirements.txt}. The environment lives under
 * {@code <cacheRoot>/venvs/<model>-<hash>}, keyed by the file's content and the base interpreter, so
 * an unchanged file costs nothing on the next run and a changed one gets a fresh environment. It
 * counts as ready only once pip succeeded (a marker file): an interrupted or failed install is
 * redone. A file lock keeps two runtimes from building the same environment at once. It can be
 * stopped ({@link RequirementsProgress.Listener#stopRequested()}, an interrupt, the JVM exiting):
 * pip's process tree is killed ({@link StoppableCommand}) and the half-made environment deleted.
 */
public final class RequirementsEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(RequirementsEnvironment.class);
    static final String REQUIREMENTS = "requirements.txt";
    private static final String READY_MARKER = ".reactor-requirements-ready";
    private static final Pattern RESOLVED = Pattern.compile("^(?:Collecting|Requirement already satisfied:|Processing)\\s+(\\S+)");

    private RequirementsEnvironment() {}

    /**
     * The options to start the model with: unchanged when the interpreter was chosen explicitly
     * ({@code --python}, {@code REACTOR_PYTHON}) or the folder has no requirement to install;
     * otherwise with the interpreter of the model's prepared environment.
     *
     * @throws PythonStartException when the environment cannot be created or pip fails; the message
     *                              has pip's error lines and the command to retry
     */
    public static PythonOptions prepare(Path folder, String modelName, PythonOptions options, RequirementsProgress.Listener listener)
            throws PythonStartException {
        Path requirements = folder.resolve(REQUIREMENTS);
        if (!options.requirementsEnvironment() || !Files.isRegularFile(requirements)) {
            return options;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(requirements);
        } catch (IOException e) {
            throw new PythonStartException("cannot read " + requirements + ": " + e.getMessage(), REQUIREMENTS, 0, e);
        }
        int total = packageLines(new String(content, StandardCharsets.UTF_8));
        if (total == 0) {
            return options; // comments only: nothing to install
        }
        Path venv = options.cacheRoot().resolve("venvs").resolve(safe(modelName) + "-" + key(content, options.interpreter()));
        Path python = venv.resolve("bin").resolve("python");
        try {
            Files.createDirectories(venv.getParent());
            try (FileChannel lockFile = FileChannel.open(venv.getParent().resolve(venv.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                if (Files.isRegularFile(venv.resolve(READY_MARKER)) && Files.isExecutable(python)) {
                    LOG.info("Python requirements of {}: using {}", modelName, venv);
                    listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.READY, total, total, venv.toString()));
                    return options.withEnvironmentInterpreter(python.toString());
                }
                build(folder, modelName, options.interpreter(), venv, python, total, listener);
                Files.writeString(venv.resolve(READY_MARKER), REQUIREMENTS + " installed\n");
                listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.READY, total, total, venv.toString()));
                return options.withEnvironmentInterpreter(python.toString());
            }
        } catch (IOException e) {
            listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.FAILED, 0, total, ""));
            throw new PythonStartException("cannot prepare the Python environment " + venv + ": " + e.getMessage(), REQUIREMENTS, 0, e);
        } catch (PythonStartException e) {
            listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.FAILED, 0, total, ""));
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard(venv);
            listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.STOPPED, 0, total, ""));
            throw new PythonStartException("installing the requirements of " + modelName + " was interrupted", REQUIREMENTS, 0, e);
        } catch (Stopped e) {
            discard(venv);
            listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.STOPPED, 0, total, ""));
            throw new PythonStartException("installing the requirements of " + modelName + " was stopped; the half-made "
                    + "environment was removed and the next Run makes it afresh", REQUIREMENTS, 0, null);
        }
    }

    /** The install was stopped on request. */
    private static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void discard(Path venv) {
        try {
            deleteTree(venv);
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Could not remove the half-made environment {} ({}); the next run rebuilds it", venv, e.getMessage());
        }
    }

    private static void build(Path folder, String modelName, String baseInterpreter, Path venv, Path python, int total,
                              RequirementsProgress.Listener listener) throws IOException, InterruptedException, PythonStartException, Stopped {
        deleteTree(venv);
        LOG.info("Python requirements of {}: creating {}", modelName, venv);
        listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.CREATING_ENVIRONMENT, 0, total, venv.toString()));
        StoppableCommand.Result created = StoppableCommand.run(List.of(baseInterpreter, "-m", "venv", "--system-site-packages",
                venv.toString()), folder, line -> {}, listener::stopRequested);
        if (created.stopped()) {
            throw new Stopped();
        }
        if (created.exit() != 0) {
            throw new PythonStartException("cannot create a virtual environment for " + REQUIREMENTS + " with \"" + baseInterpreter
                    + " -m venv\" (exit " + created.exit() + "):\n" + indent(errorLines(created.lines()))
                    + "\nOn Debian/Ubuntu install the venv module: apt-get install python3-venv"
                    + "\nOr run the model in an interpreter of your own: reactor run --python PATH", REQUIREMENTS, 0, null);
        }
        List<String> install = List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check",
                "--no-input", "--progress-bar", "off", "-r", folder.resolve(REQUIREMENTS).toString());
        int[] done = {0};
        listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.INSTALLING, 0, total, ""));
        StoppableCommand.Result pip = StoppableCommand.run(install, folder, line -> {
            LOG.info("pip: {}", line);
            Matcher m = RESOLVED.matcher(line);
            if (m.find()) {
                done[0]++;
                // A local file ("Processing /wheels/x-1.0-py3-none-any.whl") is named by its file name.
                String what = m.group(1).substring(m.group(1).lastIndexOf('/') + 1);
                listener.onProgress(new RequirementsProgress(RequirementsProgress.Phase.INSTALLING, done[0], total, what));
            }
        }, listener::stopRequested);
        if (pip.stopped()) {
            throw new Stopped();
        }
        if (pip.exit() != 0) {
            throw new PythonStartException("pip could not install the requirements of " + modelName + " (exit " + pip.exit() + "):\n"
                    + indent(errorLines(pip.lines())) + "\nFix " + folder.resolve(REQUIREMENTS) + ", then Run again (the environment is "
                    + "rebuilt), or retry by hand:\n  " + String.join(" ", install.subList(0, 4)) + " -r " + folder.resolve(REQUIREMENTS),
                    REQUIREMENTS, 0, null);
        }
    }

    /** pip's own error lines when it printed any ({@code ERROR: ...}), else its last lines. */
    static List<String> errorLines(List<String> lines) {
        List<String> errors = lines.stream().filter(l -> l.startsWith("ERROR") || l.contains("Error:")).toList();
        List<String> chosen = errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 10), lines.size()) : errors;
        return chosen.size() > 20 ? chosen.subList(chosen.size() - 20, chosen.size()) : chosen;
    }

    private static String indent(List<String> lines) {
        return lines.isEmpty() ? "  (no output)" : "  " + String.join("\n  ", lines);
    }

    /** Lines naming a package: not blank, not a comment, not an option such as --find-links. */
    static int packageLines(String text) {
        int count = 0;
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith("-")) {
                count++;
            }
        }
        return count;
    }

    private static String key(byte[] requirements, String interpreter) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(requirements);
            sha.update((byte) 0);
            sha.update(interpreter.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safe(String name) {
        String cleaned = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        return cleaned.isEmpty() ? "model" : cleaned;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
