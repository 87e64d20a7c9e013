package dev.reactorstudio.runtime.livekit;

import io.javalin.Javalin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the e2e viewer page and the unmodified livekit-client UMD bundle from its own origin
 * (another port than the media server), as a frontend developer's dev server would — so the
 * client's validate request has to pass CORS.
 */
public final class ViewerPageServer implements AutoCloseable {
    private final Javalin app;

    public ViewerPageServer(Path e2eDir) {
        Path page = e2eDir.resolve("page/index.html");
        Path bundle = e2eDir.resolve("node_modules/livekit-client/dist/livekit-client.umd.js");
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result(read(page)));
            config.routes.get("/media.html", ctx -> ctx.contentType("text/html; charset=utf-8")
                    .result(read(e2eDir.resolve("page/media.html"))));
            config.routes.get("/livekit-client.umd.js",
                    ctx -> ctx.contentType("text/javascript; charset=utf-8").result(read(bundle)));
        });
    }

    private static byte[] read(Path file) throws IOException {
        return Files.readAllBytes(file);
    }

    public ViewerPageServer start(String host) {
        app.start(host, 0);
        return this;
    }

    public String url(String host) {
        return "http://" + host + ":" + app.port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }
}
