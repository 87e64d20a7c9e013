package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reactorstudio.runtime.coordinator.BrowserDriver;
import dev.reactorstudio.runtime.coordinator.FakeDevices;
import dev.reactorstudio.runtime.guard.OriginPolicy;
import dev.reactorstudio.runtime.guard.SecurityOptions;
import dev.reactorstudio.runtime.host.HostOptions;
import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.MediaOptions;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the LiveKit media browser tests share: {@code examples/webcam-mirror} loaded, a media engine,
 * the LiveKit server and the page server on the namespace address, and a fake camera (320×240 of one
 * colour) and microphone (440 Hz) for Chromium. Closed in the reverse order of start.
 */
final class WebcamMirrorRoom implements AutoCloseable {
    static final String HOST = BrowserDriver.SERVER_ADDRESS;
    static final Path E2E = BrowserDriver.repoRoot().resolve("e2e/livekit");
    static final LiveKitTokens TOKENS = new LiveKitTokens(LiveKitCredentials.DEV);

    private Path devices;
    private ModelHost host;
    private MediaEngine media;
    private LiveKitServer server;
    private ViewerPageServer pages;

    /** Starts it all; refuses outside the test network namespace. */
    static WebcamMirrorRoom start(int[] cameraColour, Duration orphanTimeout) throws Exception {
        BrowserDriver.requireTestNetwork();
        assertThat(E2E.resolve("node_modules/livekit-client")).as("run: npm ci --prefix e2e/livekit").exists();
        WebcamMirrorRoom room = new WebcamMirrorRoom();
        try {
            room.devices = Files.createTempDirectory("fake-devices-");
            FakeDevices.y4m(room.devices.resolve("camera.y4m"), 320, 240, 30, cameraColour, false);
            FakeDevices.wav(room.devices.resolve("tone.wav"), 440, 0.5, 2);
            room.host = new ModelHost(BrowserDriver.repoRoot().resolve("examples/webcam-mirror"),
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

    /** The page's configuration for {@code media.html}: server, one token per participant, fake devices. */
    Map<String, Object> pageConfig(String... participants) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("page", pages.url(HOST) + "media.html");
        config.put("url", server.url());
        config.put("tokens", List.of(participants).stream()
                .map(name -> TOKENS.mint(name, "local", Duration.ofMinutes(10), true)).toList());
        config.put("videoFile", devices.resolve("camera.y4m").toString());
        config.put("audioFile", devices.resolve("tone.wav").toString());
        return config;
    }

    @Override
    public void close() throws Exception {
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
        FakeDevices.deleteFolder(devices);
    }
}
