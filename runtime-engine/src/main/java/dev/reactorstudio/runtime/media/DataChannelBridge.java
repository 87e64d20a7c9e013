package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.reactorstudio.runtime.guard.Limits;
import dev.reactorstudio.runtime.guard.MessageLimit;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text messages over one data channel a remote peer opened, on the peer's executor: incoming
 * frames are copied out of the native buffer inside libwebrtc's callback (the buffer is only
 * valid there) and handed to the {@link Listener} on the peer's thread; outgoing text is sent
 * from that thread too. The peer owns and disposes the channel itself.
 */
public final class DataChannelBridge {
    private static final Logger LOG = LoggerFactory.getLogger(DataChannelBridge.class);

    /** Called on the peer's executor. */
    public interface Listener {
        default void onOpen(DataChannelBridge bridge) {
        }

        void onText(DataChannelBridge bridge, String text);

        /** A frame dropped undecoded (over the size limit, or binary), with the reason the sender could be told. */
        default void onRefused(DataChannelBridge bridge, String reason) {
        }

        default void onClose(DataChannelBridge bridge) {
        }
    }

    private final ViewerPeer peer;
    private final RTCDataChannel channel;
    private final String label;
    private final Listener listener;
    private volatile RTCDataChannelState state = RTCDataChannelState.CONNECTING;
    private boolean openReported;
    private boolean closeReported;

    private DataChannelBridge(ViewerPeer peer, RTCDataChannel channel, Listener listener) {
        this.peer = peer;
        this.channel = channel;
        this.listener = listener;
        this.label = channel.getLabel();
    }

    /** Wraps {@code channel}; call on the peer's executor (e.g. from {@link PeerEvents#onDataChannel}). */
    public static DataChannelBridge attach(ViewerPeer peer, RTCDataChannel channel, Listener listener) {
        return attach(peer, channel, listener, new MessageLimit(Limits.DEFAULT_DATA_MESSAGE_BYTES));
    }

    /**
     * As above; a message over {@code limit} is dropped (and counted there) before it is copied
     * or decoded, so an oversize or flooding viewer costs no more than reading the size.
     */
    public static DataChannelBridge attach(ViewerPeer peer, RTCDataChannel channel, Listener listener,
                                           MessageLimit limit) {
        DataChannelBridge bridge = new DataChannelBridge(peer, channel, listener);
        PeerExecutor executor = peer.executor();
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                executor.execute(bridge::refreshState);
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                ByteBuffer data = buffer.data;
                int size = data.remaining();
                if (!limit.admits(size)) {
                    LOG.debug("Dropped a {}-byte message on data channel {} (limit {})", size, bridge.label,
                            limit.maxBytes());
                    executor.execute(() -> listener.onRefused(bridge, "a message of " + size + " bytes is over the limit of "
                            + limit.maxBytes() + " bytes (--max-message-bytes): it was dropped"));
                    return;
                }
                if (buffer.binary) {
                    LOG.debug("Ignoring a binary frame on data channel {}", bridge.label);
                    executor.execute(() -> listener.onRefused(bridge, "binary frames are not commands: send the "
                            + "envelope as JSON text"));
                    return;
                }
                byte[] bytes = new byte[size];
                data.get(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                executor.execute(() -> listener.onText(bridge, text));
            }
        });
        // The channel may have opened between its creation and the registration above, a change
        // no observer saw: read the state again now that one is registered.
        executor.execute(bridge::refreshState);
        return bridge;
    }

    /** Reads the channel's state and reports each transition once (on the peer's executor). */
    private void refreshState() {
        // A state change queued before the peer closed: the channel is disposed, only report.
        RTCDataChannelState now = peer.isClosing() ? RTCDataChannelState.CLOSED : channel.getState();
        state = now;
        if (now == RTCDataChannelState.OPEN && !openReported) {
            openReported = true;
            listener.onOpen(this);
        } else if (now == RTCDataChannelState.CLOSED && !closeReported) {
            closeReported = true;
            listener.onClose(this);
        }
    }

    public String label() {
        return label;
    }

    public ViewerPeer peer() {
        return peer;
    }

    public boolean isOpen() {
        return state == RTCDataChannelState.OPEN;
    }

    /** Queues {@code text} for sending on the peer's thread; dropped when the channel is not open. */
    public void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        peer.executor().execute(() -> {
            if (state != RTCDataChannelState.OPEN || peer.isClosing()) {
                return;
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
            direct.put(bytes).flip();
            try {
                channel.send(new RTCDataChannelBuffer(direct, false));
            } catch (Exception e) {
                LOG.debug("Data channel {} of peer {}: send failed: {}", label, peer.id(), e.getMessage());
            }
        });
    }
}
