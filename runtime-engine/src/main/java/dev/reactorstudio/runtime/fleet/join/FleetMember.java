package dev.reactorstudio.runtime.fleet.join;

import dev.reactorstudio.runtime.fleet.auth.FleetTokens;
import dev.reactorstudio.runtime.host.ModelHostException;
import dev.reactorstudio.runtime.manifest.Manifest;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * One runtime of a fleet: the model's services bound to loopback (runtime API, a local-mode
 * coordinator on a free port, the WebRTC engine), the {@link FleetAgent} on the public address,
 * and the {@link JoinClient}. Closes in reverse: leave the fleet, stop the agent, then the services.
 */
public final class FleetMember implements AutoCloseable {
    private final ReactorServices services;
    private final FleetAgent agent;
    private final URI advertised;
    private JoinClient join;

    private FleetMember(ReactorServices services, FleetAgent agent, URI advertised) {
        this.services = services;
        this.agent = agent;
        this.advertised = advertised;
    }

    /**
     * Starts the services and the agent (the model is not loaded yet: {@link #loadAndJoin}).
     *
     * @param services where the model's own services run; bind host and coordinator port are overridden (loopback, free port)
     */
    public static FleetMember start(ServiceOptions services, JoinOptions join) {
        if (isWildcard(join.agentHost()) && join.advertise() == null) {
            throw new IllegalArgumentException("--host " + join.agentHost() + " needs --advertise URL: the address "
                    + "coordinators reach this runtime at, e.g. http://10.0.0.5:" + join.agentPort());
        }
        FleetTokens tokens = new FleetTokens(join.secret());
        ReactorServices started = ReactorServices.start(services.withBindHost(ServiceOptions.DEFAULT_HOST)
                .withCoordinatorPort(0).withMediaPort(ServiceOptions.NO_MEDIA));
        FleetAgent agent = new FleetAgent(tokens, started.host(), started.coordinatorUrl().orElseThrow());
        try {
            agent.start(join.agentHost(), join.agentPort());
        } catch (RuntimeException e) {
            agent.close();
            started.close();
            throw new IllegalStateException("cannot start the fleet agent on " + join.agentHost() + ":" + join.agentPort()
                    + " — is the port in use? (" + e.getMessage() + ")", e);
        }
        String host = join.agentHost().contains(":") && !join.agentHost().startsWith("[")
                ? "[" + join.agentHost() + "]" : join.agentHost();
        URI advertised = join.advertise() != null ? join.advertise() : URI.create("http://" + host + ":" + agent.port());
        return new FleetMember(started, agent, advertised);
    }

    /** Loads the model, then registers it with the fleet and starts heartbeating. */
    public void loadAndJoin(JoinOptions options) throws ModelHostException, JoinRefusedException, InterruptedException {
        services.loadModel();
        Manifest manifest = services.host().manifest().orElseThrow();
        String id = options.runtimeId() != null ? options.runtimeId() : defaultId();
        join = new JoinClient(options.coordinators(), new FleetTokens(options.secret()),
                new JoinClient.Registration(id, manifest.modelName(), manifest.modelVersion(), advertised.toString()), agent);
        join.join();
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private String defaultId() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "runtime";
        }
        return name.replaceAll("[^A-Za-z0-9._-]", "-") + "-" + agent.port();
    }

    public ReactorServices services() {
        return services;
    }

    public URI advertisedUrl() {
        return advertised;
    }

    @Override
    public void close() {
        try {
            if (join != null) {
                join.close();
            }
        } finally {
            try {
                agent.close();
            } finally {
                services.close();
            }
        }
    }
}
