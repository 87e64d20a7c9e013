package dev.reactorstudio.runtime.services;

import dev.reactorstudio.runtime.host.HostOptions;
import java.nio.file.Path;

/**
 * What {@code reactor run} and the studio's Run button start: which model folder, bound where.
 *
 * @param bindHost    address every service binds (127.0.0.1 unless opened up on purpose)
 * @param runtimePort the runtime API port (8081; 0 picks a free one)
 */
public record ServiceOptions(Path modelFolder, String bindHost, int runtimePort, HostOptions host) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_RUNTIME_PORT = 8081;

    public static ServiceOptions defaults(Path modelFolder) {
        return new ServiceOptions(modelFolder, DEFAULT_HOST, DEFAULT_RUNTIME_PORT, HostOptions.defaults());
    }

    public ServiceOptions withRuntimePort(int port) {
        return new ServiceOptions(modelFolder, bindHost, port, host);
    }

    public ServiceOptions withBindHost(String address) {
        return new ServiceOptions(modelFolder, address, runtimePort, host);
    }

    public ServiceOptions withHost(HostOptions options) {
        return new ServiceOptions(modelFolder, bindHost, runtimePort, options);
    }
}
