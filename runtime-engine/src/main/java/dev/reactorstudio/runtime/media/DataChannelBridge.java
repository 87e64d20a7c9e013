package dev.reactorstudio.runtime.media;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
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

        default void onClose(DataChannelBridge bridge) {
        }
    }

    private final ViewerPeer peer;
    private final RTCDataChannel channel;
    private final String label;
    private volatile RTCDataChannelState state;

    private DataChannelBridge(ViewerPeer peer, RTCDataChannel channel) {
        this.peer = peer;
        this.channel = channel;
        this.label = channel.getLabel();
        this.state = channel.getState();
    }

    /** Wraps {@code channel}; call on the peer's executor (e.g. from {@link PeerEvents#onDataChannel}). */
    public static DataChannelBridge attach(ViewerPeer peer, RTCDataChannel channel, Listener listener) {
        DataChannelBridge bridge = new DataChannelBridge(peer, channel);
        PeerExecutor executor = peer.executor();
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                RTCDataChannelState now = channel.getState();
                executor.execute(() -> {
                    bridge.state = now;
                    if (now == RTCDataChannelState.OPEN) {
                        listener.onOpen(bridge);
                    } else if (now == RTCDataChannelState.CLOSED) {
                        listener.onClose(bridge);
                    }
                });
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                ByteBuffer data = buffer.data;
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                if (buffer.binary) {
                    LOG.debug("Ignoring a binary frame on data channel {}", bridge.label);
                    return;
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                executor.execute(() -> listener.onText(bridge, text));
            }
        });
        if (bridge.state == RTCDataChannelState.OPEN) {
            executor.execute(() -> listener.onOpen(bridge));
        }
        return bridge;
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
            if (state != RTCDataChannelState.OPEN) {
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
