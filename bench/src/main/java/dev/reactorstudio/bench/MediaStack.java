package dev.reactorstudio.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The services {@code reactor run} starts (runtime, media engine, coordinator) for hello-pattern with its frame stamp on. */
final class MediaStack implements AutoCloseable {
    final ReactorServices services;
    final MediaEngine media;
    final String bindHost;

    /**
     * @param pageHost   where the browser's page is served from (allowed as {@code --allow-origin http://pageHost:*})
     * @param queueDepth the pacer's buffer in frames (the host default is 3)
     */
    MediaStack(Path root, String bindHost, String pageHost, int queueDepth) throws Exception {
        this.bindHost = bindHost;
        Path folder = stampedHelloPattern(root);
        HostOptions host = HostOptions.defaults().withQueueDepth(queueDepth);
        services = ReactorServices.start(ServiceOptions.defaults(folder).withBindHost(bindHost).withRuntimePort(0)
                .withHost(host).withMediaPort(0).withCoordinatorPort(0)
                .withSecurity(SecurityOptions.defaults().withOrigins(OriginPolicy.allowing(java.util.List.of("http://" + pageHost + ":*")))
                        // The first-frame runs connect faster than a person would.
                        .withLimits(Limits.defaults().withSessionStartsPerMinute(1000))));
        services.loadModel();
        media = services.media().orElseThrow();
    }

    private static Path stampedHelloPattern(Path root) throws IOException {
        Path folder = Files.createTempDirectory("hello-pattern-bench-");
        try (var files = Files.list(root.resolve("examples/hello-pattern"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(folder.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("args")).put("stamp_counter", true);
        json.writeValue(folder.resolve("manifest.json").toFile(), manifest);
        return folder;
    }

    SessionManager sessions() {
        return services.host().sessions().orElseThrow();
    }

    String apiUrl() {
        return "http://" + bindHost + ":" + services.coordinatorUrl().orElseThrow().getPort();
    }

    @Override
    public void close() {
        services.close();
    }
}
