package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.manifest.EngineVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code reactor} command: run, init and validate model folders; manage their weights. */
@Command(name = "reactor", mixinStandardHelpOptions = true, versionProvider = ReactorCli.Version.class,
        description = "Runs real-time video models: reactor run, reactor init, reactor validate, reactor weights, "
                + "reactor coordinator, reactor token.",
        subcommands = {RunCommand.class, InitCommand.class, ValidateCommand.class, WeightsCommand.class,
                CoordinatorCommand.class, TokenCommand.class})
public final class ReactorCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code: 0 ok, 1 a problem with the model, 2 bad usage. */
    public static int execute(String... args) {
        return new CommandLine(new ReactorCli()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"reactor " + EngineVersion.current()};
        }
    }
}
