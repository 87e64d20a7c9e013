package dev.reactorstudio.runtime.coordinator;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Our real services in-process, exactly as {@code reactor run} starts them ({@link ReactorServices}
 * with all three servers): the runtime (model host + API), the media server and the coordinator
 * sharing one media engine, bound to the test namespace's address on free ports. The model is a
 * copy of an {@code examples/} folder, so arg overrides (and anything the model writes beside
 * itself, such as Python's {@code __pycache__}) never touch the checked-in example.
 */
public final class StackUnderTest implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    public final ReactorServices services;
    public final MediaEngine media;
    private final Path folder;

    private StackUnderTest(ReactorServices services, Path folder) {
        this.services = services;
        this.media = services.media().orElseThrow();
        this.folder = folder;
    }

    /** hello-pattern from examples/, with {@code argOverrides} written into a copy of its manifest. */
    public static StackUnderTest helloPattern(String bindHost, Map<String, Object> argOverrides) throws Exception {
        return example("hello-pattern", bindHost, argOverrides, HostOptions.defaults());
    }

    /**
     * What the browser tests need: the pages they serve on either end of the veth (run.mjs from
     * {@code 10.203.0.2}, the LiveKit viewer page from {@code 10.203.0.1}, any port) may use the
     * servers, as {@code --allow-origin} would allow them, and may start sessions faster than a
     * person does (the leak test runs 50 connect cycles).
     */
    public static SecurityOptions pagesOfTheTestNetwork() {
        return SecurityOptions.defaults()
                .withOrigins(OriginPolicy.allowing(List.of("http://" + BrowserDriver.PAGE_ADDRESS + ":*",
                        "http://" + BrowserDriver.SERVER_ADDRESS + ":*")))
                .withLimits(Limits.defaults().withSessionStartsPerMinute(1000));
    }

    /**
     * {@code examples/<name>} (hello-pattern, python-noise, neural-cppn, …) copied whole, weights
     * included, with {@code argOverrides} merged into the copy's manifest {@code args}; loaded before
     * this returns. Pages of the test network may use it ({@link #pagesOfTheTestNetwork()}).
     */
    public static StackUnderTest example(String name, String bindHost, Map<String, Object> argOverrides,
                                         HostOptions host) throws Exception {
        return example(name, bindHost, argOverrides, host, pagesOfTheTestNetwork());
    }

    /** As above, with the given origin allow-list and limits. */
    public static StackUnderTest example(String name, String bindHost, Map<String, Object> argOverrides,
                                         HostOptions host, SecurityOptions security) throws Exception {
        return serving(copyOfExample(name, argOverrides), bindHost, host, security);
    }

    /** Serves {@code folder} (a copy this stack owns: it is deleted on close); loaded before this returns. */
    public static StackUnderTest serving(Path folder, String bindHost, HostOptions host) throws Exception {
        return serving(folder, bindHost, host, pagesOfTheTestNetwork());
    }

    private static StackUnderTest serving(Path folder, String bindHost, HostOptions host, SecurityOptions security)
            throws Exception {
        ReactorServices services;
        try {
            services = ReactorServices.start(ServiceOptions.defaults(folder)
                    .withBindHost(bindHost).withRuntimePort(0).withHost(host).withSecurity(security)
                    .withMediaPort(0).withCoordinatorPort(0));
        } catch (RuntimeException e) {
            deleteTree(folder);
            throw e;
        }
        try {
            services.loadModel();
        } catch (Exception e) {
            services.close();
            deleteTree(folder);
            throw e;
        }
        return new StackUnderTest(services, folder);
    }

    private static Path copyOfExample(String name, Map<String, Object> argOverrides) throws IOException {
        Path source = BrowserDriver.repoRoot().resolve("examples").resolve(name);
        if (!Files.isRegularFile(source.resolve("manifest.json"))) {
            throw new IllegalArgumentException("no example " + name + ": " + source + " has no manifest.json");
        }
        Path folder = Files.createTempDirectory(name + "-");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path target = folder.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        if (!argOverrides.isEmpty()) {
            Path manifestFile = folder.resolve("manifest.json");
            ObjectNode manifest = (ObjectNode) JSON.readTree(manifestFile.toFile());
            ObjectNode args = manifest.has("args") ? (ObjectNode) manifest.get("args") : manifest.putObject("args");
            argOverrides.forEach((key, value) -> args.set(key, JSON.valueToTree(value)));
            JSON.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), manifest);
        }
        return folder;
    }

    public SessionManager sessions() {
        return services.host().sessions().orElseThrow();
    }

    /** Where the JS SDK's {@code apiUrl} points: the coordinator, as seen from the page's side of the veth. */
    public String apiUrl() {
        return "http://" + BrowserDriver.SERVER_ADDRESS + ":" + services.coordinatorUrl().orElseThrow().getPort();
    }

    /** The copy of the example this stack serves. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        services.close();
        deleteTree(folder);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A leftover temp folder is harmless; the test's outcome does not depend on it.
        }
    }
}
