package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.manifest.ManifestCheck;
import dev.reactorstudio.runtime.manifest.ManifestProblem;
import dev.reactorstudio.runtime.manifest.ManifestValidator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reactor validate [DIR]}: one problem per line; exit 0 when there are no errors, 1 otherwise. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Check DIR/manifest.json and print its problems.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", defaultValue = ".", description = "Model folder (default: current folder).")
    Path folder;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ManifestCheck check = ManifestValidator.read(folder);
        for (ManifestProblem problem : check.problems()) {
            out.println(problem.severity().name().toLowerCase(java.util.Locale.ROOT) + ": " + problem);
        }
        if (check.ok()) {
            out.println("ok: " + folder.resolve("manifest.json").normalize() + " is valid"
                    + (check.warnings().isEmpty() ? "" : " (" + check.warnings().size() + " warning(s))"));
        }
        out.flush();
        return check.ok() ? 0 : 1;
    }
}
