package dev.reactorstudio.runtime.python;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How Python models are run.
 *
 * @param interpreter             the interpreter command or path ({@code python3}, a venv's {@code bin/python})
 * @param cacheRoot               where the bundled {@code reactor_runtime} package is extracted (one folder per
 *                                version) and models' requirement environments are kept ({@code venvs/})
 * @param connectTimeout          how long a started interpreter may take to connect back before it is declared broken
 * @param firstRestartDelay       the wait before restarting a crashed child; doubles per failed attempt
 * @param maxRestartDelay         the longest wait between restart attempts
 * @param requirementsEnvironment whether a model's {@code requirements.txt} is installed into an environment
 *                                of its own made from {@code interpreter} ({@link RequirementsEnvironment});
 *                                off when the author chose the interpreter ({@code --python}, {@code REACTOR_PYTHON})
 * @param requirementsListener    told how preparing that environment goes
 */
public record PythonOptions(String interpreter, Path cacheRoot, Duration connectTimeout, Duration firstRestartDelay,
        Duration maxRestartDelay, boolean requirementsEnvironment, RequirementsProgress.Listener requirementsListener) {

    /** Environment variable naming the interpreter; {@code python3} when unset. */
    public static final String INTERPRETER_VARIABLE = "REACTOR_PYTHON";

    public PythonOptions {
        requirementsListener = requirementsListener == null ? RequirementsProgress.Listener.NONE : requirementsListener;
    }

    /** An interpreter used as given: no environment is made from {@code requirements.txt}. */
    public PythonOptions(String interpreter, Path cacheRoot, Duration connectTimeout, Duration firstRestartDelay,
                         Duration maxRestartDelay) {
        this(interpreter, cacheRoot, connectTimeout, firstRestartDelay, maxRestartDelay, false, RequirementsProgress.Listener.NONE);
    }

    public static PythonOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    public static PythonOptions fromEnvironment(Map<String, String> environment) {
        String interpreter = environment.getOrDefault(INTERPRETER_VARIABLE, "");
        return new PythonOptions(interpreter.isBlank() ? "python3" : interpreter,
                Path.of(System.getProperty("user.home"), ".cache", "reactor_studio", "python"),
                Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30), interpreter.isBlank(),
                RequirementsProgress.Listener.NONE);
    }

    /** The author's interpreter ({@code --python}): used as it is, requirements are theirs to install. */
    public PythonOptions withInterpreter(String command) {
        return new PythonOptions(command, cacheRoot, connectTimeout, firstRestartDelay, maxRestartDelay, false, requirementsListener);
    }

    /** Whether {@code requirements.txt} gets an environment of its own made from {@link #interpreter()}. */
    public PythonOptions withRequirementsEnvironment(boolean on) {
        return new PythonOptions(interpreter, cacheRoot, connectTimeout, firstRestartDelay, maxRestartDelay, on, requirementsListener);
    }

    public PythonOptions withRequirementsListener(RequirementsProgress.Listener listener) {
        return new PythonOptions(interpreter, cacheRoot, connectTimeout, firstRestartDelay, maxRestartDelay, requirementsEnvironment, listener);
    }

    public PythonOptions withCacheRoot(Path root) {
        return new PythonOptions(interpreter, root, connectTimeout, firstRestartDelay, maxRestartDelay, requirementsEnvironment, requirementsListener);
    }

    public PythonOptions withRestartDelays(Duration first, Duration max) {
        return new PythonOptions(interpreter, cacheRoot, connectTimeout, first, max, requirementsEnvironment, requirementsListener);
    }

    /** The prepared environment's interpreter, which already has the requirements. */
    PythonOptions withEnvironmentInterpreter(String python) {
        return new PythonOptions(python, cacheRoot, connectTimeout, firstRestartDelay, maxRestartDelay, false, requirementsListener);
    }

    /** The wait before restart attempt {@code attempt} (1-based): first delay, doubled each time, capped. */
    Duration restartDelay(int attempt) {
        long millis = firstRestartDelay.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(millis, maxRestartDelay.toMillis()));
    }
}
