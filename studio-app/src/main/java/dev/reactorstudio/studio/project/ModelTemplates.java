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
 * always create the same thing): Java, seed-style Python ({@code --python}) and a DJL/PyTorch
 * Java model ({@code --djl}), each offered when the engine's init has its flag.
 */
public final class ModelTemplates {

    /** The kinds of model a template exists for. */
    public enum Kind {
        JAVA("Java", null), PYTHON("Python (seed style)", "--python"), DJL("Java + DJL (PyTorch tensors)", "--djl");

        private final String title;
        private final String initFlag;

        Kind(String title, String initFlag) {
            this.title = title;
            this.initFlag = initFlag;
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
        List<Kind> kinds = new ArrayList<>();
        CommandLine init = new CommandLine(new ReactorCli()).getSubcommands().get("init");
        for (Kind kind : Kind.values()) {
            if (kind.initFlag == null || init != null && init.getCommandSpec().findOption(kind.initFlag) != null) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** Runs {@code reactor init [--python|--djl] FOLDER}; blocks briefly (it writes a few files). */
    public static Outcome create(Path folder, Kind kind) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text, true);
        CommandLine cli = new CommandLine(new ReactorCli()).setOut(out).setErr(out);
        List<String> args = new ArrayList<>(List.of("init"));
        if (kind.initFlag != null) {
            args.add(kind.initFlag);
        }
        args.add(folder.toString());
        int code = cli.execute(args.toArray(String[]::new));
        return new Outcome(code == 0, text.toString().trim());
    }
}
