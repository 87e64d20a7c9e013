package dev.reactorstudio.runtime.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.AudioFrame;
import dev.reactorstudio.runtime.api.InputFrame;
import dev.reactorstudio.runtime.api.InputTrack;
import dev.reactorstudio.runtime.api.SessionContext;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one session's input requests from the Python child ({@code op: "input"}): the child
 * asks for the frames it wants — {@code latest}, {@code next} with a timeout, {@code status}, or
 * {@code open} to check a name — and gets each as one binary message. Pulling keeps a slow model
 * from building a backlog: nothing crosses the socket unless the model asked for it, and a
 * {@code latest} that would repeat the frame the child already holds ({@code have}) crosses as a
 * short "same" answer instead of the pixels.
 *
 * <p>Requests are answered on one thread per track (a blocking {@code next} on the microphone
 * must not hold up the webcam), never on the bridge's reader thread. The threads live as long as
 * the session; {@link #close} ends them.
 */
final class InputServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputServer.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A {@code next} waits at most this long per request; the child asks again for longer waits. */
    static final long MAX_WAIT_MILLIS = 10_000;

    private final SessionContext context;
    private final BridgeChannel channel;
    private final String threadTag;
    private final Map<String, ExecutorService> perTrack = new HashMap<>();
    private boolean closed;

    InputServer(SessionContext context, BridgeChannel channel, String threadTag) {
        this.context = context;
        this.channel = channel;
        this.threadTag = threadTag;
    }

    /** Reader thread: resolves the track at once (a wrong name is answered here) and queues the rest. */
    void request(JsonNode message) {
        long id = message.path("id").asLong();
        String name = message.path("track").asText();
        String kind = message.path("kind").asText();
        String mode = message.path("mode").asText();
        InputTrack<?> track;
        try {
            track = resolve(kind, name);
        } catch (IllegalArgumentException e) {
            reply(result(id, null).put("error", e.getMessage()));
            return;
        }
        if (mode.equals("open") || mode.equals("status")) {
            reply(result(id, track));
            return;
        }
        long waitMillis = Math.max(0, Math.min(MAX_WAIT_MILLIS, message.path("timeout_ms").asLong(0)));
        long have = message.path("have").asLong(-1);
        Runnable answer = switch (mode) {
            case "latest" -> () -> answer(id, track, track.latest(), have);
            case "next" -> () -> answer(id, track, awaitNext(track, waitMillis), -1);
            default -> () -> reply(result(id, track).put("error", "unknown input request mode \"" + mode + "\""));
        };
        ExecutorService thread = threadFor(kind, name);
        if (thread == null) {
            reply(result(id, track)); // the session is over: no frame
            return;
        }
        try {
            thread.execute(answer);
        } catch (RejectedExecutionException e) {
            reply(result(id, track)); // closed meanwhile
        }
    }

    private synchronized ExecutorService threadFor(String kind, String name) {
        if (closed) {
            return null;
        }
        return perTrack.computeIfAbsent(kind + ":" + name, key -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "reactor-python-input-" + name + "-" + threadTag);
            t.setDaemon(true);
            return t;
        }));
    }

    private InputTrack<?> resolve(String kind, String name) {
        return switch (kind) {
            case "video" -> context.videoInput(name);
            case "audio" -> context.audioInput(name);
            default -> throw new IllegalArgumentException("unknown input kind \"" + kind + "\" (video or audio)");
        };
    }

    private static Object awaitNext(InputTrack<?> track, long waitMillis) {
        try {
            return track.next(Duration.ofMillis(waitMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null; // closing: the session ended
        }
    }

    private void answer(long id, InputTrack<?> track, Object frame, long have) {
        try {
            if (frame instanceof InputFrame video && video.sequence() != have) {
                channel.sendVideoInput(id, video.sequence(), video.width(), video.height(), video.captureNanos(),
                        video.receivedNanos(), video.rgb());
            } else if (frame instanceof AudioFrame audio && audio.sequence() != have) {
                channel.sendAudioInput(id, audio.sequence(), audio.channels(), audio.captureNanos(), audio.pcm());
            } else {
                ObjectNode reply = result(id, track);
                if (frame != null) {
                    reply.put("same", true);
                }
                channel.send(reply);
            }
        } catch (IOException e) {
            LOG.debug("input reply not delivered: the Python process is gone", e);
        }
    }

    private static ObjectNode result(long id, InputTrack<?> track) {
        ObjectNode reply = NODES.objectNode().put("op", "input_result").put("id", id);
        if (track != null) {
            reply.put("live", track.isLive()).put("received", track.received());
        }
        return reply;
    }

    private void reply(ObjectNode reply) {
        try {
            channel.send(reply);
        } catch (IOException e) {
            LOG.debug("input reply not delivered: the Python process is gone", e);
        }
    }

    /** The session ended: a waiting {@code next} is interrupted (it answers "no frame"), the threads end. */
    @Override
    public synchronized void close() {
        closed = true;
        perTrack.values().forEach(ExecutorService::shutdownNow);
    }
}
