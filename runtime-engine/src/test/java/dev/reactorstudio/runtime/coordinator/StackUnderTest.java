package dev.reactorstudio.runtime.coordinator;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Our real services in-process, exactly as {@code reactor run} starts them ({@link ReactorServices}
 * with all three servers): the runtime (model host + API), the media server and the coordinator
 * sharing one media engine, bound to the test namespace's address on free ports.
 */
public final class StackUnderTest implements AutoCloseable {
    public final ReactorServices services;
    public final MediaEngine media;

    private StackUnderTest(ReactorServices services) {
        this.services = services;
        this.media = services.media().orElseThrow();
    }

    /** hello-pattern from examples/, with {@code argOverrides} written into a copy of its manifest. */
    public static StackUnderTest helloPattern(String bindHost, Map<String, Object> argOverrides) throws Exception {
        Path folder = copyOfHelloPattern(argOverrides);
        ReactorServices services = ReactorServices.start(ServiceOptions.defaults(folder)
                .withBindHost(bindHost).withRuntimePort(0).withHost(HostOptions.defaults())
                .withMediaPort(0).withCoordinatorPort(0));
        try {
            services.loadModel();
        } catch (Exception e) {
            services.close();
            throw e;
        }
        return new StackUnderTest(services);
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
        return "http://" + BrowserDriver.SERVER_ADDRESS + ":" + services.coordinatorUrl().orElseThrow().getPort();
    }

    @Override
    public void close() {
        services.close();
    }
}
