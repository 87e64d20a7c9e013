package dev.reactorstudio.studio.preview.media;

import dev.reactorstudio.runtime.manifest.TrackSpec;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionEvent;
import dev.reactorstudio.runtime.session.SessionListener;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The sources the author chose for the running model's declared inputs, and the feeds that play
 * them. A choice sticks while the model is loaded: it feeds the session that runs now and every
 * session started after (Connect again, a browser starting one); a session's end stops its feeds,
 * and a new choice replaces the track's feed. Statuses go to {@code statusSink} from any thread.
 */
public final class InputFeeds implements SessionListener {
    private final BiConsumer<String, FeedStatus> statusSink;
    private final Map<String, TrackSpec> tracks = new LinkedHashMap<>();
    private final Map<String, InputSource> choices = new ConcurrentHashMap<>();
    private final Map<String, InputFeed> feeds = new LinkedHashMap<>();
    /** Each track's newest feed, running or stopping: the next one waits for it to free its source. */
    private final Map<String, InputFeed> last = new LinkedHashMap<>();
    private SessionManager manager;

    public InputFeeds(BiConsumer<String, FeedStatus> statusSink) {
        this.statusSink = statusSink;
    }

    /** The model is loaded: its declared inputs become choosable; no source is chosen yet. */
    public synchronized void attach(SessionManager sessions) {
        detach();
        manager = sessions;
        for (TrackSpec input : sessions.settings().tracks().inputs()) {
            tracks.put(input.name(), input);
        }
        sessions.addListener(this);
    }

    /** The model is gone: every feed stops (and is waited for, briefly) and the choices are forgotten. */
    public void detach() {
        List<InputFeed> stopping;
        synchronized (this) {
            if (manager != null) {
                manager.removeListener(this);
            }
            manager = null;
            stopping = stopAll();
            tracks.clear();
            choices.clear();
        }
        awaitAll(stopping, 3_000);
    }

    /** The declared inputs of the loaded model, in manifest order. */
    public synchronized List<TrackSpec> tracks() {
        return List.copyOf(tracks.values());
    }

    /** What feeds {@code track} now. */
    public InputSource choice(String track) {
        return choices.getOrDefault(track, InputSource.NONE);
    }

    /**
     * Feeds {@code track} from {@code source} (None stops it). A source that cannot feed (no webcam,
     * a missing file, no microphone) is refused at once with the reason as the track's status.
     */
    public synchronized void choose(String track, InputSource source) {
        TrackSpec spec = tracks.get(track);
        if (spec == null) {
            throw new IllegalArgumentException("no declared input \"" + track + "\"");
        }
        InputFeed old = feeds.remove(track);
        if (old != null) {
            old.stop();
        }
        var problem = source.problem();
        if (source.kind() == InputSource.Kind.NONE || problem.isPresent()) {
            choices.remove(track);
            statusSink.accept(track, problem.map(FeedStatus::failed).orElse(FeedStatus.NOTHING));
            return;
        }
        choices.put(track, source);
        Session session = running();
        if (session == null) {
            statusSink.accept(track, FeedStatus.idle(source.shortName() + " — starts with the session (Connect)"));
            return;
        }
        start(spec, source, session);
    }

    private Session running() {
        return manager == null ? null
                : manager.current().filter(s -> s.state() == SessionState.RUNNING).orElse(null);
    }

    private void start(TrackSpec spec, InputSource source, Session session) {
        InputFeed[] self = new InputFeed[1];
        InputFeed feed = new InputFeed(spec, source, session.inputs(), last.get(spec.name()), status -> {
            synchronized (this) {
                if (feeds.get(spec.name()) != self[0]) {
                    return; // replaced: the row shows its successor
                }
            }
            statusSink.accept(spec.name(), status);
        });
        self[0] = feed;
        feeds.put(spec.name(), feed);
        last.put(spec.name(), feed);
        feed.start();
    }

    /** Pictures or chunks the track's current feed sent so far (0 when none runs). */
    public synchronized long sent(String track) {
        InputFeed feed = feeds.get(track);
        return feed == null ? 0 : feed.sent();
    }

    @Override
    public void onEvent(SessionEvent event) {
        synchronized (this) {
            if (manager == null) {
                return;
            }
            if (event.type() == SessionEvent.Type.STARTED) {
                Session session = manager.current().filter(s -> s.id().equals(event.sessionId())).orElse(null);
                if (session != null) {
                    choices.forEach((track, source) -> {
                        TrackSpec spec = tracks.get(track);
                        if (spec != null) {
                            InputFeed running = feeds.remove(track);
                            if (running != null) {
                                running.stop();
                            }
                            start(spec, source, session);
                        }
                    });
                }
            } else if (event.type() == SessionEvent.Type.STOP_REQUESTED || event.type() == SessionEvent.Type.ENDED) {
                for (String track : List.copyOf(feeds.keySet())) {
                    InputFeed feed = feeds.get(track);
                    feed.stop();
                    statusSink.accept(track, FeedStatus.idle(choice(track).shortName() + " — starts with the next session"));
                }
                feeds.clear();
            }
        }
    }

    private List<InputFeed> stopAll() {
        List<InputFeed> stopping = new ArrayList<>(last.values());
        stopping.forEach(InputFeed::stop);
        feeds.clear();
        last.clear();
        return stopping;
    }

    private static void awaitAll(List<InputFeed> feeds, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (InputFeed feed : feeds) {
            try {
                feed.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
