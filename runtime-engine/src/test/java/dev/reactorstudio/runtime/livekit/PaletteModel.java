package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.VideoModel;
import dev.reactorstudio.runtime.session.CommandBinder;
import dev.reactorstudio.runtime.session.InvalidCommandException;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.session.SessionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A stand-in for {@code examples/hello-pattern} in tests: flat-colour frames of a fixed size,
 * and one command, {@code set_palette}, whose effect the model reports with
 * {@code send({"type":"state","palette":...})}.
 */
final class PaletteModel extends VideoModel implements CommandBinder {
    static final Set<String> PALETTES = Set.of("warm", "cool", "mono");
    private final int width;
    private final int height;
    private volatile String palette = "warm";

    PaletteModel(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** A session manager serving this model, with the given orphan timeout. */
    static SessionManager manager(int width, int height, Duration orphanTimeout) {
        PaletteModel model = new PaletteModel(width, height);
        return new SessionManager(model, model, SessionSettings.defaults().withOrphanTimeout(orphanTimeout)
                .withDefaultSize(width, height).withStopGrace(Duration.ofSeconds(2)));
    }

    @Override
    public void startSession() throws InterruptedException {
        SessionContext ctx = Reactor.ctx();
        byte[] frame = new byte[width * height * 3];
        while (!ctx.shouldStop()) {
            byte shade = (byte) ("cool".equals(palette) ? 0x30 : 0xc0);
            java.util.Arrays.fill(frame, shade);
            ctx.emitBlock(frame, height, width, 3);
        }
    }

    @Override
    public Callable<Object> bind(String name, JsonNode args) {
        if (!"set_palette".equals(name)) {
            throw new InvalidCommandException("unknown command \"" + name + "\"", List.of(name + ": no such command"));
        }
        String requested = args.path("palette").asText();
        if (!PALETTES.contains(requested)) {
            throw new InvalidCommandException("invalid arguments for set_palette",
                    List.of("palette: \"" + requested + "\" is not one of " + PALETTES));
        }
        return () -> {
            palette = requested;
            Reactor.ctx().send(Map.of("type", "state", "palette", requested));
            return null;
        };
    }
}
