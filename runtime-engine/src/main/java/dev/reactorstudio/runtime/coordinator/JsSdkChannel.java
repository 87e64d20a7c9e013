package dev.reactorstudio.runtime.coordinator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.media.CommandEnvelope;
import dev.reactorstudio.runtime.media.CommandGateway;
import dev.reactorstudio.runtime.media.DataChannelBridge;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JS SDK's {@code "data"} channel protocol for one viewer (§4.5): {@code application}
 * envelopes are commands (validated; invalid ones are dropped, as the SDK expects — it waits for
 * no reply), {@code ping} feeds liveness, {@code requestCapabilities} is answered with
 * {@code modelCapabilities}. Runs on the viewer peer's executor.
 */
final class JsSdkChannel implements DataChannelBridge.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(JsSdkChannel.class);

    private final Viewer viewer;
    private final CommandGateway commands;
    private final ObjectNode capabilities;
    private final Runnable onPing;
    private final Consumer<DataChannelBridge> onOpen;

    JsSdkChannel(Viewer viewer, CommandGateway commands, ObjectNode capabilities, Runnable onPing,
                 Consumer<DataChannelBridge> onOpen) {
        this.viewer = viewer;
        this.commands = commands;
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
            return;
        }
        if (envelope.isApplication()) {
            commands.dispatch(envelope.type(), envelope.data());
        } else if (envelope.isRuntime("ping")) {
            viewer.pinged();
            onPing.run();
        } else if (envelope.isRuntime("requestCapabilities")) {
            bridge.send(CommandEnvelope.runtime("modelCapabilities", capabilities));
        } else {
            LOG.debug("Viewer {}: ignoring runtime message {}", viewer.id, envelope.type());
        }
    }
}
