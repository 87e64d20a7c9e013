package dev.reactorstudio.runtime.djl;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a fresh JVM by {@link DjlStaysUnloadedTest}: hosts one model folder, streams a few frames,
 * then reports whether libtorch is mapped into the process. Class loading is logged by the JVM
 * ({@code -Xlog:class+load}) so the parent sees every class, not just the ones this code can name.
 */
public final class LoadProbe {
    private LoadProbe() {}

    public static void main(String[] args) throws Exception {
        ModelHost host = new ModelHost(Path.of(args[0]), HostOptions.defaults().withOrphanTimeout(Duration.ZERO));
        host.load();
        try (host) {
            SessionManager sessions = host.sessions().orElseThrow();
            CountDownLatch frames = new CountDownLatch(5);
            sessions.addFrameSink(f -> frames.countDown());
            sessions.start();
            if (!frames.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no frames from " + args[0]);
            }
            sessions.stop(EndReason.STOPPED);
        }
        boolean libtorch = Files.readString(Path.of("/proc/self/maps")).contains("libtorch");
        System.out.println("probe: libtorch mapped=" + libtorch);
    }
}
