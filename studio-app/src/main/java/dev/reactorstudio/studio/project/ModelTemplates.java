package dev.reactorstudio.studio.project;

import dev.reactorstudio.runtime.cli.ReactorCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * New model folders, made by the engine's own {@code reactor init} (so the studio and the CLI
 * always create the same thing). Each template beyond plain Java is offered only when the
 * engine's init has its option ({@code --python}, {@code --djl}).
 */
public final class ModelTemplates {

    /** The kinds of model a template exists for. */
    public enum Kind {
        JAVA("Java", null), PYTHON("Python", "--python"), DJL("Java with DJL (PyTorch tensors)", "--djl");

        private final String title;
        private final String initOption;

        Kind(String title, String initOption) {
            this.title = title;
            this.initOption = initOption;
        }

        /** The {@code reactor init} option that selects this template; empty for the default (Java). */
        public Optional<String> initOption() {
            return Optional.ofNullable(initOption);
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

    /** The templates this engine's {@code reactor init} can make, Java first. */
    public static List<Kind> available() {
        List<Kind> kinds = new ArrayList<>();
        CommandLine init = new CommandLine(new ReactorCli()).getSubcommands().get("init");
        for (Kind kind : Kind.values()) {
            if (kind.initOption().isEmpty()
                    || (init != null && init.getCommandSpec().findOption(kind.initOption().get()) != null)) {
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
        kind.initOption().ifPresent(args::add);
        args.add(folder.toString());
        int code = cli.execute(args.toArray(String[]::new));
        return new Outcome(code == 0, text.toString().trim());
    }
}
