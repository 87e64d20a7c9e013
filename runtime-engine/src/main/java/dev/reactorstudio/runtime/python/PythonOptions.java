package dev.reactorstudio.runtime.python;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How Python models are run.
 *
 * @param interpreter       the interpreter command or path ({@code python3}, a venv's {@code bin/python})
 * @param cacheRoot         where the bundled {@code reactor_runtime} package is extracted (one folder per version)
 * @param connectTimeout    how long a started interpreter may take to connect back before it is declared broken
 * @param firstRestartDelay the wait before restarting a crashed child; doubles per failed attempt
 * @param maxRestartDelay   the longest wait between restart attempts
 */
public record PythonOptions(String interpreter, Path cacheRoot, Duration connectTimeout, Duration firstRestartDelay,
        Duration maxRestartDelay) {

    /** Environment variable naming the interpreter; {@code python3} when unset. */
    public static final String INTERPRETER_VARIABLE = "REACTOR_PYTHON";

    public static PythonOptions defaults() {
        return fromEnvironment(System.getenv());
    }

    public static PythonOptions fromEnvironment(Map<String, String> environment) {
        String interpreter = environment.getOrDefault(INTERPRETER_VARIABLE, "");
        return new PythonOptions(interpreter.isBlank() ? "python3" : interpreter,
                Path.of(System.getProperty("user.home"), ".cache", "reactor_studio", "python"),
                Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    public PythonOptions withInterpreter(String command) {
        return new PythonOptions(command, cacheRoot, connectTimeout, firstRestartDelay, maxRestartDelay);
    }

    public PythonOptions withCacheRoot(Path root) {
        return new PythonOptions(interpreter, root, connectTimeout, firstRestartDelay, maxRestartDelay);
    }

    public PythonOptions withRestartDelays(Duration first, Duration max) {
        return new PythonOptions(interpreter, cacheRoot, connectTimeout, first, max);
    }

    /** The wait before restart attempt {@code attempt} (1-based): first delay, doubled each time, capped. */
    Duration restartDelay(int attempt) {
        long millis = firstRestartDelay.toMillis() << Math.min(20, Math.max(0, attempt - 1));
        return Duration.ofMillis(Math.min(millis, maxRestartDelay.toMillis()));
    }
}
