package dev.reactorstudio.studio.project;

import dev.reactorstudio.runtime.cli.ReactorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * New model folders, made by the engine's own {@code reactor init} (so the studio and the CLI
 * always create the same thing). A Python template is offered once the engine's init has
 * {@code --python}.
 */
public final class ModelTemplates {

    /** The kinds of model a template exists for. */
    public enum Kind {
        JAVA("Java"), PYTHON("Python");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        @Override
        public String toString() {
            return title;
        }
    }

    /** What {@code reactor init} said. */
    public record Outcome(boolean ok, String output) {}

    private ModelTemplates() {
    }

    public static List<Kind> available() {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.JAVA));
        CommandLine init = new CommandLine(new ReactorCli()).getSubcommands().get("init");
        if (init != null && init.getCommandSpec().findOption("--python") != null) {
            kinds.add(Kind.PYTHON);
        }
        return kinds;
    }

    /** Runs {@code reactor init [--python] FOLDER}; blocks briefly (it writes two files). */
    public static Outcome create(Path folder, Kind kind) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        CommandLine cli = new CommandLine(new ReactorCli()).setOut(out).setErr(out);
        List<String> args = new ArrayList<>(List.of("init"));
        if (kind == Kind.PYTHON) {
            args.add("--python");
        }
        args.add(folder.toString());
        int code = cli.execute(args.toArray(String[]::new));
        return new Outcome(code == 0, text.toString().trim());
    }
}
