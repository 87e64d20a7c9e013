package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.guard.JsonBody;
import dev.reactorstudio.runtime.session.SessionManager;
import dev.reactorstudio.runtime.upload.UploadRejectedException;
import dev.reactorstudio.runtime.upload.UploadSlot;
import dev.reactorstudio.runtime.upload.UploadStore;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JS SDK's upload routes (§4.2 (7)): {@code POST /sessions/{sid}/uploads} allocates a slot in
 * the viewer's runtime session and answers {@code 201 {"presigned_id","presigned_url","path"}};
 * {@code PUT /uploads/{id}} (the presigned URL, on this same origin) streams exactly the declared
 * bytes into it. Refusals are 4xx with a {@code detail} that says what to fix.
 */
final class UploadRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(UploadRoutes.class);
    static final String ALLOCATE = "/sessions/{sid}/uploads";
    static final String PUT = "/uploads/{id}";
    static final String PUT_PREFIX = "/uploads/";
    private static final String ALLOCATE_BODY = "{\"name\": \"<file name>\", \"size\": <bytes>, \"mime_type\": \"<type>\"}";

    private final ObjectMapper json;
    private final Supplier<Optional<SessionManager>> sessions;
    private final Function<Context, Optional<Viewer>> viewers;

    /** @param viewers the viewer a request's {@code {sid}} names, or empty after answering 404 */
    UploadRoutes(ObjectMapper json, Supplier<Optional<SessionManager>> sessions,
                 Function<Context, Optional<Viewer>> viewers) {
        this.json = json;
        this.sessions = sessions;
        this.viewers = viewers;
    }

    void allocate(Context ctx) {
        Viewer viewer = viewers.apply(ctx).orElse(null);
        UploadStore store = store(ctx);
        if (viewer == null || store == null) {
            return;
        }
        JsonNode body = JsonBody.object(ctx, ALLOCATE_BODY).orElse(null);
        if (body == null) {
            return;
        }
        JsonNode size = body.path("size");
        if (!size.isIntegralNumber() || !size.canConvertToLong()) {
            ctx.status(400).json(SdkJson.detail("size must be the file's size in bytes (a positive integer), got "
                    + (size.isMissingNode() ? "nothing" : size.toString()) + ": send " + ALLOCATE_BODY));
            return;
        }
        if (!body.path("name").isTextual()) {
            ctx.status(400).json(SdkJson.detail("name must be the file's name (a string): send " + ALLOCATE_BODY));
            return;
        }
        JsonNode mime = body.path("mime_type");
        try {
            UploadSlot slot = store.allocate(viewer.sessionId, viewer.id, body.get("name").textValue(),
                    size.longValue(), mime.isTextual() ? mime.textValue() : null);
            ObjectNode reply = json.createObjectNode();
            reply.put("presigned_id", slot.id());
            reply.put("presigned_url", origin(ctx) + "/uploads/" + slot.id());
            reply.put("path", viewer.id + "/" + slot.id() + "/" + slot.name());
            ctx.status(201).json(reply);
        } catch (UploadRejectedException e) {
            refuse(ctx, e);
        }
    }

    void receive(Context ctx) {
        UploadStore store = store(ctx);
        if (store == null) {
            return;
        }
        String id = ctx.pathParam("id");
        try {
            UploadedFile file = store.receive(id, ctx.req().getContentLengthLong(), ctx.req().getInputStream());
            LOG.info("Received upload {} ({} bytes, {})", id, file.size(), file.mimeType());
            ctx.json(json.createObjectNode().put("upload_id", id).put("size", file.size()));
        } catch (UploadRejectedException e) {
            refuse(ctx, e);
        } catch (IOException e) {
            ctx.status(400).json(SdkJson.detail("the upload broke off: " + e.getMessage()));
        }
    }

    private UploadStore store(Context ctx) {
        Optional<SessionManager> manager = sessions.get();
        if (manager.isEmpty()) {
            ctx.status(503).header("Retry-After", "1").json(SdkJson.detail("the model is not loaded yet"));
            return null;
        }
        return manager.get().uploads();
    }

    private static void refuse(Context ctx, UploadRejectedException e) {
        LOG.info("Refused an upload request: {}", e.getMessage());
        ctx.status(e.status()).json(SdkJson.detail(e.getMessage()));
    }

    /** The origin the client reached us on, so the PUT goes where the POST went. */
    private static String origin(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }
}
