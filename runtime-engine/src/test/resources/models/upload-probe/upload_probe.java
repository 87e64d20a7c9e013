import dev.reactorstudio.runtime.api.Command;
import dev.reactorstudio.runtime.api.Param;
import dev.reactorstudio.runtime.api.Reactor;
import dev.reactorstudio.runtime.api.SessionContext;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.api.VideoModel;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test model for uploads: a grey card, and a command that takes an uploaded file and answers
 * with what arrived (name, size, SHA-256 of the bytes on disk, MIME type, where it was).
 */
public class UploadProbe extends VideoModel {

    public record Args(double fps, List<Integer> size) {}

    private final int height;
    private final int width;
    private final double fps;

    public UploadProbe(Args args) {
        this.height = args.size().get(0);
        this.width = args.size().get(1);
        this.fps = args.fps();
    }

    @Override
    public void startSession() throws InterruptedException {
        SessionContext ctx = Reactor.ctx();
        byte[] frame = new byte[height * width * 3];
        java.util.Arrays.fill(frame, (byte) 96);
        while (!ctx.shouldStop()) {
            ctx.emitBlock(frame, height, width, 3);
            Thread.sleep((long) (1000 / fps));
        }
    }

    @Command(name = "inspect", description = "Answers with the name, size and SHA-256 of an uploaded file")
    public Map<String, Object> inspect(@Param(description = "any file") UploadedFile file,
                                       @Param(defaultValue = "", description = "echoed back") String note)
            throws Exception {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("type", "upload_received");
        reply.put("name", file.name());
        reply.put("size", Files.size(file.path()));
        reply.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file.readAllBytes())));
        reply.put("mime_type", file.mimeType());
        reply.put("declared_size", file.size());
        reply.put("path", file.path().toString());
        reply.put("note", note);
        Reactor.ctx().send(reply);
        return reply;
    }

    @Command(name = "ping", description = "Answers pong")
    public Map<String, Object> ping(@Param(defaultValue = "") String note) {
        Map<String, Object> reply = Map.of("type", "pong", "note", note);
        Reactor.ctx().send(reply);
        return reply;
    }
}
