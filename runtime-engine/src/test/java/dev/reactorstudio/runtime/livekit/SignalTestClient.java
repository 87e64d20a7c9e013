package dev.reactorstudio.runtime.livekit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;

/** A signal socket as {@code livekit-client} uses it: binary protobuf both ways. For loopback tests. */
final class SignalTestClient implements AutoCloseable {
    private final BlockingQueue<SignalResponse> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private SignalTestClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener()).join();
    }

    /** Connects; throws (CompletionException wrapping WebSocketHandshakeException) when the upgrade is refused. */
    static SignalTestClient connect(URI uri) {
        return new SignalTestClient(uri);
    }

    void send(SignalRequest request) {
        socket.sendBinary(ByteBuffer.wrap(request.toByteArray()), true).join();
    }

    /** The next response; fails the test after 10 s (a generous bound: nothing asserts speed). */
    SignalResponse next() throws InterruptedException {
        SignalResponse response = received.poll(10, TimeUnit.SECONDS);
        if (response == null) {
            throw new AssertionError("no signal response within 10 s");
        }
        return response;
    }

    /** The next response of the given kind, skipping others (pongs, updates). */
    SignalResponse next(SignalResponse.MessageCase kind) throws InterruptedException {
        while (true) {
            SignalResponse response = next();
            if (response.getMessageCase() == kind) {
                return response;
            }
        }
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            var unused = socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"); // best effort: abort() follows
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            partial.writeBytes(bytes);
            if (last) {
                try {
                    received.add(SignalResponse.parseFrom(partial.toByteArray()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.reset();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
