package dev.reactorstudio.bench;

import dev.reactorstudio.runtime.registry.PullProgressListener;
import dev.reactorstudio.runtime.registry.RegistrySettings;
import dev.reactorstudio.runtime.registry.WeightRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.gaul.s3proxy.junit.S3ProxyJunitCore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * Pull throughput from S3Proxy on 127.0.0.1: the registry's own ranged GETs (a few connection and
 * chunk settings) against the SDK's S3TransferManager (Java async client; CRT client) and against
 * plain {@code curl} GETs of the same objects through presigned URLs, all in one run. The goal
 * baseline is {@code curl} then {@code md5sum} of each file (checked against its ETag), 8 at a
 * time: a download that is verified, as the registry's is.
 *
 * <p>{@code bench/run.sh registry [bigMB] [smallCount] [smallMB] [reps]} — defaults 400 64 2 2.
 */
public final class RegistryPullBench {
    private static final String BUCKET = "bench-weights";
    private static final String WEIGHT = "Bench";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"));

    /** CPU seconds used by this JVM (S3Proxy, SDK clients) plus finished child processes (curl, md5sum). */
    record Result(String method, double seconds, long bytes, double cpuSeconds) {
        Result(String method, double seconds, long bytes) {
            this(method, seconds, bytes, Double.NaN);
        }

        Result withCpu(double cpu) {
            return new Result(method, seconds, bytes, cpu);
        }

        double mbPerSecond() {
            return bytes / 1e6 / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchLogging.quiet();
        long bigMb = args.length > 0 ? Long.parseLong(args[0]) : 400;
        int smallCount = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long smallMb = args.length > 2 ? Long.parseLong(args[2]) : 2;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path work = Files.createTempDirectory("registry-bench");
        S3ProxyJunitCore proxy = new S3ProxyJunitCore.Builder().withBlobStoreProvider("filesystem")
                .withCredentials("access", "secret").ignoreUnknownHeaders().build();
        proxy.beforeEach();
        try {
            URI endpoint = proxy.getUri();
            List<String> keys = upload(endpoint, bigMb, smallCount, smallMb);
            long total = (bigMb + smallCount * smallMb) << 20;
            System.out.printf(Locale.ROOT, "registry pull bench: %d objects, %.1f MB (1 x %d MiB + %d x %d MiB) from S3Proxy %s, %d cores, load average %s%n",
                    keys.size(), total / 1e6, bigMb, smallCount, smallMb, endpoint, Runtime.getRuntime().availableProcessors(), loadAverage());
            List<Result> results = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                Path r = work;
                int n = rep;
                results.add(timedCpu(() -> curl(endpoint, keys, r.resolve("curl-" + n), 8, total, false)));
                results.add(timedCpu(() -> curl(endpoint, keys, r.resolve("curl-md5-" + n), 8, total, true)));
                results.add(timedCpu(() -> registry(endpoint, r.resolve("reg-8x16-" + n), 8, 16, total)));
                results.add(timedCpu(() -> registry(endpoint, r.resolve("reg-4x16-" + n), 4, 16, total)));
                results.add(timedCpu(() -> registry(endpoint, r.resolve("reg-8x64-" + n), 8, 64, total)));
                results.add(timedCpu(() -> transferManagerJava(endpoint, keys, r.resolve("tm-java-" + n), total)));
                results.add(timedCpu(() -> transferManagerCrt(endpoint, keys, r.resolve("tm-crt-" + n), total)));
                deleteTree(work);
                Files.createDirectories(work);
            }
            report(results);
        } finally {
            proxy.afterEach();
            deleteTree(work);
        }
    }

    private static List<String> upload(URI endpoint, long bigMb, int smallCount, long smallMb) throws IOException {
        List<String> keys = new ArrayList<>();
        Path tmp = Files.createTempFile("bench", ".bin");
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(CREDENTIALS).build()) {
            s3.createBucket(b -> b.bucket(BUCKET));
            for (int i = 0; i <= smallCount; i++) {
                String key = "models/" + WEIGHT + "/" + (i == 0 ? "model.safetensors" : "shards/" + i + ".bin");
                write(tmp, (i == 0 ? bigMb : smallMb) << 20, i);
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(tmp));
                keys.add(key);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return keys;
    }

    private static Result registry(URI endpoint, Path cache, int connections, int chunkMb, long total) throws Exception {
        RegistrySettings settings = RegistrySettings.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "access",
                        "AWS_SECRET_ACCESS_KEY", "secret", "REACTOR_REGISTRY", "s3://" + BUCKET + "/models",
                        "AWS_ENDPOINT_URL", endpoint.toString(), "AWS_REGION", "us-east-1"))
                .withCacheRoot(cache).withConnections(connections).withChunkSize((long) chunkMb << 20);
        try (WeightRegistry registry = WeightRegistry.open(settings)) {
            long start = System.nanoTime();
            registry.pull(WEIGHT, PullProgressListener.NONE);
            String defaults = connections == RegistrySettings.DEFAULT_CONNECTIONS && ((long) chunkMb << 20) == RegistrySettings.DEFAULT_CHUNK_SIZE
                    ? ", default" : "";
            return new Result("registry " + connections + " conn x " + chunkMb + " MiB (verified" + defaults + ")", seconds(start), total);
        }
    }

    /** The Java async client cannot use multipart downloads against S3Proxy (no ?partNumber=), so one GET per object. */
    private static Result transferManagerJava(URI endpoint, List<String> keys, Path dir, long total) throws Exception {
        try (S3AsyncClient client = S3AsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(CREDENTIALS).multipartEnabled(false).build();
             S3TransferManager tm = S3TransferManager.builder().s3Client(client).build()) {
            return transferManager("TransferManager (Java async, 1 GET/object)", tm, keys, dir, total);
        }
    }

    /** The CRT client splits large objects into parallel ranged GETs itself (8 MiB parts by default). */
    private static Result transferManagerCrt(URI endpoint, List<String> keys, Path dir, long total) {
        try (S3AsyncClient client = S3AsyncClient.crtBuilder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(CREDENTIALS).checksumValidationEnabled(false).build();
             S3TransferManager tm = S3TransferManager.builder().s3Client(client).build()) {
            return transferManager("TransferManager (CRT, ranged parts)", tm, keys, dir, total);
        } catch (Exception | LinkageError e) {
            System.out.println("TransferManager (CRT): not measured — " + e);
            return new Result("TransferManager (CRT): failed", Double.NaN, total);
        }
    }

    private static Result transferManager(String name, S3TransferManager tm, List<String> keys, Path dir, long total) throws Exception {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String key : keys) {
            Path target = dir.resolve(key.replace('/', '_'));
            all.add(tm.downloadFile(d -> d.getObjectRequest(g -> g.bucket(BUCKET).key(key)).destination(target)).completionFuture());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return new Result(name, seconds(start), total);
    }

    /**
     * Plain curl through presigned URLs, {@code parallel} processes at a time: the practical limit here.
     * With {@code md5}, each file is then hashed with {@code md5sum} and checked against its ETag.
     */
    private static Result curl(URI endpoint, List<String> keys, Path dir, int parallel, long total, boolean md5) throws Exception {
        Map<String, String> eTags = new java.util.HashMap<>();
        Files.createDirectories(dir);
        List<String> urls = new ArrayList<>();
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(CREDENTIALS).build()) {
                for (String key : keys) {
                    eTags.put(key, s3.headObject(b -> b.bucket(BUCKET).key(key)).eTag().replace("\"", ""));
                }
            }
            for (String key : keys) {
                urls.add(presigner.presignGetObject(p -> p.signatureDuration(Duration.ofHours(1))
                        .getObjectRequest(g -> g.bucket(BUCKET).key(key))).url().toString());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> new Thread(r, "bench-curl"));
        try {
            long start = System.nanoTime();
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i);
                String eTag = eTags.get(keys.get(i));
                Path out = dir.resolve(i + ".bin");
                runs.add(pool.submit(() -> md5 ? curlThenMd5sum(url, out, eTag)
                        : new ProcessBuilder("curl", "-sf", "-o", out.toString(), url).start().waitFor()));
            }
            for (Future<Integer> run : runs) {
                if (run.get() != 0) {
                    throw new IllegalStateException("curl" + (md5 ? " + md5sum" : "") + " failed with exit " + run.get());
                }
            }
            return new Result(md5 ? "curl + md5sum x " + parallel + " parallel (verified)"
                    : "curl x " + parallel + " parallel (1 GET/object, unverified)", seconds(start), total);
        } finally {
            pool.shutdown();
        }
    }

    /** curl writes the file, then md5sum reads it; 0 when both succeed and the digest is the ETag. */
    private static int curlThenMd5sum(String url, Path out, String eTag) throws IOException, InterruptedException {
        int curl = new ProcessBuilder("curl", "-sf", "-o", out.toString(), url).start().waitFor();
        if (curl != 0) {
            return curl;
        }
        Process md5sum = new ProcessBuilder("md5sum", out.toString()).redirectErrorStream(true).start();
        String printed = new String(md5sum.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        int exit = md5sum.waitFor();
        if (exit == 0 && !printed.startsWith(eTag)) {
            throw new IllegalStateException("md5sum of " + out + " is " + printed.strip() + ", the ETag " + eTag);
        }
        return exit;
    }

    private static void report(List<Result> results) {
        double curl = best(results, "curl x");
        double curlMd5 = best(results, "curl + md5sum");
        System.out.printf(Locale.ROOT, "%n%-52s %10s %10s %8s %14s %8s%n", "method (best of runs)", "seconds", "MB/s", "vs curl",
                "vs curl+md5sum", "CPU s");
        results.stream().collect(java.util.stream.Collectors.groupingBy(Result::method, java.util.LinkedHashMap::new,
                        java.util.stream.Collectors.maxBy(Comparator.comparingDouble(Result::mbPerSecond))))
                .values().stream().flatMap(java.util.Optional::stream).forEach(r ->
                        System.out.printf(Locale.ROOT, "%-52s %10.2f %10.1f %7.2fx %13.2fx %8.2f%n", r.method(), r.seconds(), r.mbPerSecond(),
                                r.mbPerSecond() / curl, r.mbPerSecond() / curlMd5, r.cpuSeconds()));
        System.out.println("(CPU s: this JVM, which also runs S3Proxy, plus the curl/md5sum processes; the same server work in every row)");
        results.stream().filter(r -> r.method().contains("default")).map(Result::mbPerSecond).max(Double::compare)
                .ifPresent(mb -> System.out.printf(Locale.ROOT, "%nregistry at its defaults: %.2fx of curl + md5sum (goal >= 0.9x)%n",
                        mb / curlMd5));
    }

    private static double best(List<Result> results, String prefix) {
        return results.stream().filter(r -> r.method().startsWith(prefix)).mapToDouble(Result::mbPerSecond).max().orElse(Double.NaN);
    }

    interface Measured {
        Result run() throws Exception;
    }

    private static Result timedCpu(Measured method) throws Exception {
        double before = cpuSeconds();
        Result result = method.run();
        return result.withCpu(cpuSeconds() - before);
    }

    /** utime + stime + cutime + cstime of this process from /proc/self/stat (clock ticks of 1/100 s). */
    private static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state(0) ppid ... utime is field 14 of the full line, index 11 here
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown";
        }
    }

    private static void write(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) random.nextInt();
                }
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
