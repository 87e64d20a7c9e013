package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.coordinator.FakeDevices;
import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.session.SessionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the LiveKit media browser tests share: a {@link LiveKitRoom} on {@code examples/webcam-mirror},
 * and a fake camera (320×240 of one colour) and microphone (440 Hz) for Chromium. Closed in the
 * reverse order of start.
 */
final class WebcamMirrorRoom implements AutoCloseable {
    static final String HOST = LiveKitRoom.HOST;
    static final Path E2E = LiveKitRoom.E2E;
    static final LiveKitTokens TOKENS = LiveKitRoom.TOKENS;

    private Path devices;
    private LiveKitRoom room;

    /** Starts it all; refuses outside the test network namespace. */
    static WebcamMirrorRoom start(int[] cameraColour, Duration orphanTimeout) throws Exception {
        WebcamMirrorRoom mirror = new WebcamMirrorRoom();
        try {
            mirror.devices = Files.createTempDirectory("fake-devices-");
            FakeDevices.y4m(mirror.devices.resolve("camera.y4m"), 320, 240, 30, cameraColour, false);
            FakeDevices.wav(mirror.devices.resolve("tone.wav"), 440, 0.5, 2);
            mirror.room = LiveKitRoom.start("webcam-mirror", orphanTimeout);
            return mirror;
        } catch (Exception | Error e) {
            mirror.close();
            throw e;
        }
    }

    SessionManager sessions() {
        return room.sessions();
    }

    MediaEngine media() {
        return room.media();
    }

    LiveKitServer server() {
        return room.server();
    }

    /** The page's configuration for {@code media.html}: server, one token per participant, fake devices. */
    Map<String, Object> pageConfig(String... participants) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("page", room.pageUrl("media.html"));
        config.put("url", room.server().url());
        config.put("tokens", List.of(participants).stream()
                .map(name -> TOKENS.mint(name, "local", Duration.ofMinutes(10), true)).toList());
        config.put("videoFile", devices.resolve("camera.y4m").toString());
        config.put("audioFile", devices.resolve("tone.wav").toString());
        return config;
    }

    @Override
    public void close() throws Exception {
        if (room != null) {
            room.close();
        }
        FakeDevices.deleteFolder(devices);
    }
}
