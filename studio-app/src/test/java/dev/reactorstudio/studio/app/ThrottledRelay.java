package dev.reactorstudio.studio.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 that passes requests through untouched and paces the answers to a fixed
 * rate shared by all connections — so a download of a few megabytes from an in-process S3 takes
 * seconds and its progress can be watched. Bytes pass unchanged, so signed requests stay valid.
 */
final class ThrottledRelay implements AutoCloseable {
    private final URI target;
    private volatile long bytesPerSecond;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-relay-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    /** When the next byte may leave, in System.nanoTime(); never in the past, so idle time earns no burst. */
    private long nextSlot;

    ThrottledRelay(URI target, long bytesPerSecond) throws IOException {
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        pumps.execute(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * Changes the rate from now on. Tests slow a download to a crawl before clicking Cancel or Stop,
     * so however long the click takes on a loaded machine, it lands while the download still runs.
     */
    void pace(long newBytesPerSecond) {
        bytesPerSecond = newBytesPerSecond;
    }

    /** Answer bytes passed to clients so far (headers included). */
    long relayed() {
        return relayed.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5_000);
                sockets.add(client);
                sockets.add(upstream);
                pumps.execute(() -> pump(client, upstream, false));
                pumps.execute(() -> pump(upstream, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean paced) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (paced) {
                    TimeUnit.NANOSECONDS.sleep(reserve(n));
                    relayed.addAndGet(n);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side went away (a cancelled download aborts its stream): close both
        } finally {
            close(from);
            close(to);
        }
    }

    private synchronized long reserve(int bytes) {
        long now = System.nanoTime();
        nextSlot = Math.max(nextSlot, now);
        long wait = nextSlot - now;
        nextSlot += bytes * 1_000_000_000L / bytesPerSecond;
        return wait;
    }

    private void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.remove(socket);
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(this::close);
        pumps.shutdownNow();
    }
}
