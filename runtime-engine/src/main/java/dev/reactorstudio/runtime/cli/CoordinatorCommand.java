package dev.reactorstudio.runtime.cli;

import dev.reactorstudio.runtime.fleet.ApiKeys;
import dev.reactorstudio.runtime.fleet.FleetCoordinator;
import dev.reactorstudio.runtime.fleet.FleetOptions;
import dev.reactorstudio.runtime.fleet.auth.Secrets;
import dev.reactorstudio.runtime.guard.LoopbackNames;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import java.util.ArrayList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reactor coordinator}: the fleet's front door for many joined runtimes, until Ctrl-C. */
@Command(name = "coordinator", mixinStandardHelpOptions = true,
        description = "Serve a fleet: runtimes join with `reactor run DIR --join URL`; JS SDK clients (production mode) queue for them.")
final class CoordinatorCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network — put TLS in front).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state", defaultValue = FleetOptions.MEMORY, paramLabel = "memory|redis://HOST:PORT[/DB]",
            description = "Where fleet state lives: memory (one coordinator) or Redis (several coordinators, survives restarts). Default ${DEFAULT-VALUE}.")
    String state;

    @Option(names = "--jwt-secret", description = "Shared HS256 secret of client, runtime and coordinator tokens (16+ bytes).")
    String secret;

    @Option(names = "--jwt-secret-file", description = "File whose first line is the shared secret (keeps it out of `ps`).")
    Path secretFile;

    @Option(names = "--api-key", description = "An API key GET /tokens exchanges for a client token (repeatable).")
    List<String> apiKeys;

    @Option(names = "--api-keys-file", description = "File of API keys, one per line.")
    Path apiKeysFile;

    @Option(names = "--token-ttl", defaultValue = "1h", converter = DurationConverter.class,
            description = "Lifetime of tokens from GET /tokens, e.g. 15m, 1h (default ${DEFAULT-VALUE}).")
    java.time.Duration tokenTtl;

    @Option(names = "--allow-origin", paramLabel = "ORIGIN",
            description = "A web page origin whose SDK may call the coordinator besides this machine's own pages (repeatable): "
                    + "https://app.example.com, http://devbox:* for any port. Required with a non-loopback --host.")
    List<String> allowOrigins = new ArrayList<>();

    @Option(names = "--log-level", defaultValue = "INFO", description = "CRITICAL, ERROR, WARNING, INFO or DEBUG (default ${DEFAULT-VALUE}).")
    LogLevel logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        logLevel.apply();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FleetCoordinator coordinator;
        try {
            OriginPolicy origins = OriginPolicy.allowing(allowOrigins);
            if (!LoopbackNames.isLoopback(host) && !origins.hasExplicitEntries()) {
                err.println("reactor coordinator: --host " + host + " serves other machines: name the pages that use the SDK "
                        + "with --allow-origin https://your-app.example (repeatable)");
                return 2;
            }
            FleetOptions options = FleetOptions.defaults(Secrets.resolve(secret, secretFile)).withBind(host, port)
                    .withState(state).withApiKeys(ApiKeys.combine(apiKeys, apiKeysFile)).withTokenTtl(tokenTtl)
                    .withSecurity(SecurityOptions.defaults().withOrigins(origins));
            coordinator = new FleetCoordinator(options).start();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("reactor coordinator: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            coordinator.close();
            stopped.countDown();
        }, "reactor-shutdown"));
        String urlHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        out.println("Coordinator   http://" + urlHost + ":" + coordinator.port() + "  (state: " + state
                + "; JS SDK apiUrl in production mode; runtimes: reactor run DIR --join http://" + urlHost + ":"
                + coordinator.port() + " --jwt-secret ...)");
        out.println("Fleet         http://" + urlHost + ":" + coordinator.port() + "/fleet  (Bearer token; metrics: /metrics). Ctrl-C stops.");
        out.flush();
        stopped.await();
        return 0;
    }
}
