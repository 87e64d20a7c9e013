package dev.reactorstudio.runtime.coordinator;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Our real services in-process, as {@code reactor run} wires them: the runtime (model host +
 * :8081 API) for a model folder, the media engine and the coordinator, bound to the test
 * namespace's address on free ports.
 */
public final class StackUnderTest implements AutoCloseable {
    public final ReactorServices services;
    public final MediaEngine media;
    public final Coordinator coordinator;

    private StackUnderTest(ReactorServices services, MediaEngine media, Coordinator coordinator) {
        this.services = services;
        this.media = media;
        this.coordinator = coordinator;
    }

    /** hello-pattern from examples/, with {@code argOverrides} written into a copy of its manifest. */
    public static StackUnderTest helloPattern(String bindHost, Map<String, Object> argOverrides) throws Exception {
        Path folder = copyOfHelloPattern(argOverrides);
        ReactorServices services = ReactorServices.start(ServiceOptions.defaults(folder)
                .withBindHost(bindHost).withRuntimePort(0).withHost(HostOptions.defaults()));
        services.loadModel();
        MediaEngine media = new MediaEngine(MediaOptions.defaults());
        Coordinator coordinator = new Coordinator(CoordinatorOptions.defaults(services.runtimeUrl()).withBind(bindHost, 0),
                media, () -> services.host().sessions(), TokenMinter.unavailable()).start();
        return new StackUnderTest(services, media, coordinator);
    }

    private static Path copyOfHelloPattern(Map<String, Object> argOverrides) throws IOException {
        Path source = BrowserDriver.repoRoot().resolve("examples/hello-pattern");
        Path folder = Files.createTempDirectory("hello-pattern-");
        try (var files = Files.list(source)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
        }
        if (!argOverrides.isEmpty()) {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var manifest = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(folder.resolve("manifest.json").toFile());
            argOverrides.forEach((k, v) -> ((com.fasterxml.jackson.databind.node.ObjectNode) manifest.get("args")).set(k, json.valueToTree(v)));
            json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve("manifest.json").toFile(), manifest);
        }
        return folder;
    }

    public SessionManager sessions() {
        return services.host().sessions().orElseThrow();
    }

    public String apiUrl() {
        return "http://" + BrowserDriver.SERVER_ADDRESS + ":" + coordinator.port();
    }

    @Override
    public void close() {
        coordinator.close();
        services.close();
        media.close();
    }
}
