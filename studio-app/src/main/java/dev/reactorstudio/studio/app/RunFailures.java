package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.common.Problem;
import dev.reactorstudio.studio.project.Project;
import java.nio.file.Path;

/**
 * Files a failed Run where its fix is: a port that would not bind under the Services (not
 * manifest.json), a Python model's requirements under requirements.txt, anything else under the
 * manifest that named the model.
 */
final class RunFailures {
    /** The pseudo-file of problems that belong to the Services tool window. */
    static final Path SERVICES = Path.of("Services");

    private RunFailures() {}

    static Problem problem(String message, Project project) {
        String text = message == null ? "" : message;
        Path file;
        String location = "";
        if (text.contains("is the port in use?")) {
            file = SERVICES;
            location = "port";
        } else if ((text.contains("requirements") && text.contains("pip")) || text.contains("virtual environment for requirements.txt")) {
            file = project.folder().resolve("requirements.txt");
        } else {
            file = project.manifest();
        }
        return new Problem(Problem.Severity.ERROR, file, location, -1, text);
    }
}
