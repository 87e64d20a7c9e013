package dev.reactorstudio.runtime.python;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The interpreter the Python tests use: Debian's {@code /usr/bin/python3} when present (a pyenv
 * shim on PATH may lack numpy), else {@code python3}. Tests skip, saying why, only when no
 * interpreter with numpy exists at all; CI installs python3-numpy. Public for the browser tests
 * that serve examples/python-noise.
 */
public final class PythonSupport {
    static final Path MODELS = Path.of("src", "test", "resources", "python-models");
    private static Boolean available;

    private PythonSupport() {}

    public static String interpreter() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Options for tests: the interpreter above and short restart delays. */
    public static PythonOptions options() {
        assumeTrue(numpyAvailable(), "skipped: no Python interpreter with numpy (" + interpreter()
                + "); install python3 and python3-numpy to run the Python bridge tests");
        return PythonOptions.defaults().withInterpreter(interpreter())
                .withRestartDelays(java.time.Duration.ofMillis(100), java.time.Duration.ofSeconds(2));
    }

    public static synchronized boolean numpyAvailable() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder(interpreter(), "-c", "import numpy").redirectErrorStream(true).start();
                available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                available = false;
            }
        }
        return available;
    }
}
