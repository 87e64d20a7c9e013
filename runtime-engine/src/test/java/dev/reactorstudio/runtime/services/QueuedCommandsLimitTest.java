package dev.reactorstudio.runtime.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code --max-queued-commands} is one of the client limits: whatever {@code reactor run} or the
 * studio puts in the services' limits is what the model's sessions hold (hello-pattern, loopback).
 */
class QueuedCommandsLimitTest {
    private static final Path HELLO = Path.of("..").toAbsolutePath().normalize().resolve("examples/hello-pattern");

    @Test
    void theServicesLimitReachesTheSessions() throws Exception {
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(HELLO).withRuntimePort(0)
                .withSecurity(SecurityOptions.defaults().withLimits(Limits.defaults().withQueuedCommands(3))))) {
            services.loadModel();

            assertThat(services.host().sessions().orElseThrow().settings().commandQueue()).isEqualTo(3);
        }
    }
}
