package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every LiveKit browser test starts: one of the repository's examples loaded, a media engine,
 * the LiveKit server on the namespace address (pages from the namespace's own origins allowed) and
 * the page server for {@code e2e/livekit}. Refuses to start outside {@code scripts/netns-run};
 * closed in the reverse order of start.
 */
final class LiveKitRoom implements AutoCloseable {
    static final String HOST = BrowserDriver.SERVER_ADDRESS;
    static final Path E2E = BrowserDriver.repoRoot().resolve("e2e/livekit");
    static final LiveKitTokens TOKENS = new LiveKitTokens(LiveKitCredentials.DEV);

    private ModelHost host;
    private MediaEngine media;
    private LiveKitServer server;
    private ViewerPageServer pages;

    /** Loads {@code examples/<example>} and starts the servers; a failed start closes what it started. */
    static LiveKitRoom start(String example, Duration orphanTimeout) throws Exception {
        BrowserDriver.requireTestNetwork();
        assertThat(E2E.resolve("node_modules/livekit-client")).as("run: npm ci --prefix e2e/livekit").exists();
        LiveKitRoom room = new LiveKitRoom();
        try {
            room.host = new ModelHost(BrowserDriver.repoRoot().resolve("examples").resolve(example),
                    HostOptions.defaults().withOrphanTimeout(orphanTimeout));
            room.host.load();
            room.media = new MediaEngine(MediaOptions.defaults());
            room.server = new LiveKitServer(TOKENS, room.host::sessions, room.media, SecurityOptions.defaults()
                    .withOrigins(OriginPolicy.allowing(List.of("http://" + HOST + ":*"))))
                    .start(HOST, 0);
            room.pages = new ViewerPageServer(E2E).start(HOST);
            return room;
        } catch (Exception | Error e) {
            room.close();
            throw e;
        }
    }

    SessionManager sessions() {
        return host.sessions().orElseThrow();
    }

    MediaEngine media() {
        return media;
    }

    LiveKitServer server() {
        return server;
    }

    /** The URL of {@code page} (a file under {@code e2e/livekit}; "" for the viewer page) on the namespace address. */
    String pageUrl(String page) {
        return pages.url(HOST) + page;
    }

    @Override
    public void close() {
        if (pages != null) {
            pages.close();
        }
        if (server != null) {
            server.close();
        }
        if (host != null) {
            host.close();
        }
        if (media != null) {
            media.close();
        }
    }
}
