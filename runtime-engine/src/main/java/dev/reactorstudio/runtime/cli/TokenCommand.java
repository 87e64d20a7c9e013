package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.fleet.auth.Role;
import dev.reactorstudio.runtime.fleet.auth.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reactor token}: mints a client token offline, for development (production backends use GET /tokens). */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a client JWT for a fleet coordinator, signed with its shared secret (for development).")
final class TokenCommand implements Callable<Integer> {

    @Option(names = {"--secret", "--jwt-secret"}, description = "The coordinator's shared secret.")
    String secret;

    @Option(names = {"--secret-file", "--jwt-secret-file"}, description = "File whose first line is the secret.")
    Path secretFile;

    @Option(names = "--ttl", defaultValue = "1h", converter = DurationConverter.class,
            description = "Lifetime, e.g. 15m, 1h, 2d (default ${DEFAULT-VALUE}).")
    Duration ttl;

    @Option(names = "--sub", defaultValue = "dev", description = "Subject: whose sessions these are (default ${DEFAULT-VALUE}).")
    String subject;

    @Option(names = "--model", description = "Only for this model_name (default: any model).")
    String model;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            FleetTokens tokens = new FleetTokens(Secrets.resolve(secret, secretFile));
            spec.commandLine().getOut().println(tokens.mint(subject, Role.CLIENT, ttl, model));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("reactor token: " + e.getMessage().replace("JWT secret", "--secret"));
            return 2;
        }
    }
}
