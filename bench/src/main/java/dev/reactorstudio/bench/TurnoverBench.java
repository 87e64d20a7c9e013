package dev.reactorstudio.bench;

import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.services.ReactorServices;
import dev.reactorstudio.runtime.services.ServiceOptions;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Session turnover as a reconnecting client or the next user does it (bench/run.sh turnover
 * [cycles]): the runtime serving examples/hello-pattern, then {@code POST /stop_session}
 * immediately followed by {@code POST /start_session}, N times over HTTP. Prints refusals (any
 * start that is not 200, by status and message), start latency percentiles, and the JVM's
 * threads and resident memory before and after.
 */
public final class TurnoverBench {

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (ReactorServices services = ReactorServices.start(ServiceOptions.defaults(root.resolve("examples/hello-pattern"))
                .withRuntimePort(0).withHost(HostOptions.defaults().withOrphanTimeout(Duration.ZERO)))) {
            services.loadModel();
            URI base = services.runtimeUrl();
            post(http, base, "/start_session");
            Thread.sleep(1000);
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            long rssBefore = rssKb();
            double[] startMs = new double[cycles];
            Map<String, Integer> refusals = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < cycles; i++) {
                post(http, base, "/stop_session");
                long s = System.nanoTime();
                HttpResponse<String> start = post(http, base, "/start_session");
                startMs[i] = (System.nanoTime() - s) / 1e6;
                if (start.statusCode() != 200) {
                    refusals.merge(start.statusCode() + " " + start.body(), 1, Integer::sum);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            post(http, base, "/stop_session");
            Thread.sleep(1000);
            System.gc();
            Thread.sleep(500);
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            long rssAfter = rssKb();
            Arrays.sort(startMs);
            int refused = refusals.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf(Locale.ROOT, "%d stop→start cycles in %.1f s (hello-pattern, runtime API over HTTP)%n", cycles, seconds);
            System.out.printf(Locale.ROOT, "  refused starts: %d%n", refused);
            refusals.forEach((what, n) -> System.out.printf(Locale.ROOT, "    %4d × %s%n", n, what));
            System.out.printf(Locale.ROOT, "  start latency (ms): p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                    pct(startMs, 50), pct(startMs, 95), pct(startMs, 99), startMs[startMs.length - 1]);
            System.out.printf(Locale.ROOT, "  JVM threads: %d before (one session running), %d after (none)%n", threadsBefore,
                    threadsAfter);
            System.out.printf(Locale.ROOT, "  RSS: %.1f MB before, %.1f MB after%n", rssBefore / 1024.0, rssAfter / 1024.0);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private TurnoverBench() {
    }
}
