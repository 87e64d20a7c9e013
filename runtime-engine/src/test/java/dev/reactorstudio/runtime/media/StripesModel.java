package dev.reactorstudio.runtime.media;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.session.CommandBinder;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A small model for media tests (the engine must not depend on the model loader): 640x480
 * frames, one command {@code set_palette(palette ∈ warm|cool)} that answers with a
 * {@code state} message, as hello-pattern does.
 */
final class StripesModel extends VideoModel {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    volatile String palette = "warm";

    @Override
    public void startSession() {
        byte[] frame = new byte[WIDTH * HEIGHT * 3];
        int t = 0;
        while (!Reactor.ctx().shouldStop()) {
            byte level = (byte) ("warm".equals(palette) ? 200 : 60);
            for (int i = 0; i < frame.length; i += 3) {
                frame[i] = level;
                frame[i + 1] = (byte) ((i / 3 + t) % WIDTH);
                frame[i + 2] = (byte) (255 - level);
            }
            t += 4;
            Reactor.ctx().emitBlock(frame, HEIGHT, WIDTH, 3);
        }
    }

    /** Validates like the real binder: unknown names and bad values never reach the model. */
    CommandBinder binder() {
        return (String name, JsonNode args) -> {
            if (!"set_palette".equals(name)) {
                throw new InvalidCommandException("unknown command " + name, List.of("unknown command " + name));
            }
            String value = args.path("palette").asText("");
            if (!List.of("warm", "cool").contains(value)) {
                throw new InvalidCommandException("bad palette", List.of("palette: '" + value + "' is not one of warm, cool"));
            }
            return (Callable<Object>) () -> {
                palette = value;
                Reactor.ctx().send(Map.of("type", "state", "palette", value));
                return null;
            };
        };
    }

    static SessionManager sessions(StripesModel model) {
        SessionSettings settings = SessionSettings.defaults().withOrphanTimeout(Duration.ZERO)
                .withStopGrace(Duration.ofSeconds(2));
        return new SessionManager(model, model.binder(), settings);
    }
}
