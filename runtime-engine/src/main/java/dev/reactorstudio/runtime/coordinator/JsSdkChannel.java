package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.api.UploadedFile;
import dev.reactorstudio.runtime.media.CommandEnvelope;
import dev.reactorstudio.runtime.media.CommandGateway;
import dev.reactorstudio.runtime.media.DataChannelBridge;
import dev.reactorstudio.runtime.upload.UploadReferences;
import dev.reactorstudio.runtime.upload.UploadRejectedException;
import dev.reactorstudio.runtime.upload.UploadStore;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JS SDK's {@code "data"} channel protocol for one viewer (§4.5): {@code application}
 * envelopes are commands (validated; an invalid one never reaches the model), {@code ping} feeds
 * liveness, {@code requestCapabilities} is answered with {@code modelCapabilities}; a command's
 * {@code uploads} are resolved to this viewer's own files first. The SDK waits for no reply, but
 * a frame that does nothing — not an envelope, an invalid or refused command, binary, over the
 * size limit — is answered with a {@code commandError} runtime message saying why
 * ({@link RefusalReplies}, rate-limited). Runs on the viewer peer's executor.
 */
final class JsSdkChannel implements DataChannelBridge.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(JsSdkChannel.class);

    private final Viewer viewer;
    private final CommandGateway commands;
    private final UploadStore uploads;
    private final ObjectNode capabilities;
    private final Runnable onPing;
    private final Consumer<DataChannelBridge> onOpen;
    private final RefusalReplies refusals = new RefusalReplies();

    JsSdkChannel(Viewer viewer, CommandGateway commands, UploadStore uploads, ObjectNode capabilities,
                 Runnable onPing, Consumer<DataChannelBridge> onOpen) {
        this.viewer = viewer;
        this.commands = commands;
        this.uploads = uploads;
        this.capabilities = capabilities;
        this.onPing = onPing;
        this.onOpen = onOpen;
    }

    @Override
    public void onOpen(DataChannelBridge bridge) {
        onOpen.accept(bridge);
    }

    @Override
    public void onText(DataChannelBridge bridge, String text) {
        CommandEnvelope envelope = CommandEnvelope.parse(text).orElse(null);
        if (envelope == null) {
            LOG.debug("Viewer {}: ignoring a frame that is not an envelope", viewer.id);
            refusals.refuse(bridge, "", "not a Reactor message: send JSON text {\"scope\": \"application\", \"data\": "
                    + "{\"type\": \"<command>\", \"data\": {<arguments>}}}", List.of());
            return;
        }
        if (envelope.isApplication()) {
            dispatch(bridge, envelope);
        } else if (envelope.isRuntime("ping")) {
            viewer.pinged();
            onPing.run();
        } else if (envelope.isRuntime("fileUploaded")) {
            // A notice only: the bytes were checked when they arrived, and commands name the upload themselves.
            LOG.debug("Viewer {}: upload {} announced", viewer.id, envelope.data().path("upload_id").asText());
        } else if (envelope.isRuntime("requestCapabilities")) {
            bridge.send(CommandEnvelope.runtime("modelCapabilities", capabilities));
        } else {
            LOG.debug("Viewer {}: ignoring runtime message {}", viewer.id, envelope.type());
        }
    }

    /**
     * Resolves the frame's uploads for this viewer (only its own uploads, in its session), then
     * dispatches; a bad reference drops the call before validation, so the model never sees it.
     */
    private void dispatch(DataChannelBridge bridge, CommandEnvelope envelope) {
        String name = envelope.type();
        Map<String, UploadedFile> files;
        try {
            files = UploadReferences.resolve(uploads, viewer.sessionId, viewer.id, envelope.uploads());
        } catch (UploadRejectedException e) {
            LOG.info("Viewer {}: rejected command {}: {}", viewer.id, name, e.problems());
            refusals.refuse(bridge, name, e.getMessage(), e.problems());
            return;
        }
        CommandGateway.Outcome outcome = commands.dispatch(name, envelope.data(), files);
        if (!outcome.accepted()) {
            refusals.refuse(bridge, name, outcome.refusal(name), outcome.details());
        }
    }

    @Override
    public void onRefused(DataChannelBridge bridge, String reason) {
        refusals.refuse(bridge, "", reason, List.of());
    }
}
