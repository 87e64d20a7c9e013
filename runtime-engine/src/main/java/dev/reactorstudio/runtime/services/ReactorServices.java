package dev.reactorstudio.runtime.services;

import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.server.RuntimeServer;
import java.net.URI;

/**
 * The services of one model folder, started together: the model host and the runtime API.
 * {@code reactor run} and the studio both start exactly this. Servers come up first so health
 * reports loading; then the model loads.
 */
public final class ReactorServices implements AutoCloseable {
    private final ServiceOptions options;
    private final ModelHost host;
    private final RuntimeServer runtime;

    private ReactorServices(ServiceOptions options) {
        this.options = options;
        this.host = new ModelHost(options.modelFolder(), options.host());
        this.runtime = new RuntimeServer(host);
    }

    /** Binds the servers; does not load the model yet (call {@link #loadModel()}). */
    public static ReactorServices start(ServiceOptions options) {
        ReactorServices services = new ReactorServices(options);
        try {
            services.runtime.start(options.bindHost(), options.runtimePort());
        } catch (RuntimeException e) {
            services.close();
            throw new IllegalStateException("cannot start the runtime server on " + options.bindHost() + ":"
                    + options.runtimePort() + " — is the port in use? (" + rootMessage(e) + ")", e);
        }
        return services;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Loads the model (blocks for the constructor's duration). */
    public void loadModel() throws ModelHostException {
        host.load();
    }

    public ModelHost host() {
        return host;
    }

    public URI runtimeUrl() {
        return URI.create("http://" + options.bindHost() + ":" + runtime.port());
    }

    public int runtimePort() {
        return runtime.port();
    }

    /** Stops the session (cooperatively, within the grace period), then the servers; ports are free afterwards. */
    @Override
    public void close() {
        host.close();
        runtime.close();
    }
}
