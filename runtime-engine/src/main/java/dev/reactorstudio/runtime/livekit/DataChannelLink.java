package dev.reactorstudio.runtime.livekit;

import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.reactorstudio.runtime.media.PeerExecutor;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LiveKit data channel ({@code _reliable}, {@code _lossy}): binary DataPackets both ways,
 * on the peer's executor. The media engine's {@code DataChannelBridge} carries text for the
 * Reactor JS SDK; LiveKit frames are binary protobuf, hence this small sibling that follows the
 * same rules — copy the native buffer inside the callback (it is valid only there), then post.
 */
final class DataChannelLink {
    private static final Logger LOG = LoggerFactory.getLogger(DataChannelLink.class);

    private final RTCDataChannel channel;
    private final String label;
    private final boolean ownedHere;
    private volatile RTCDataChannelState state;

    private DataChannelLink(RTCDataChannel channel, boolean ownedHere) {
        this.channel = channel;
        this.label = channel.getLabel();
        this.ownedHere = ownedHere;
        this.state = channel.getState();
    }

    /**
     * Listens to {@code channel}; each received packet goes to {@code onPacket} on the executor.
     *
     * @param ownedHere true for channels the server created (v0), which this link must dispose;
     *                  channels the client opened belong to the peer, which disposes them
     */
    static DataChannelLink attach(RTCDataChannel channel, PeerExecutor executor, boolean ownedHere,
                                  Consumer<ByteBuffer> onPacket) {
        DataChannelLink link = new DataChannelLink(channel, ownedHere);
        channel.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) {
            }

            @Override
            public void onStateChange() {
                RTCDataChannelState now = channel.getState();
                executor.execute(() -> link.state = now);
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                ByteBuffer data = buffer.data;
                ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                copy.put(data).flip();
                executor.execute(() -> onPacket.accept(copy));
            }
        });
        // An open that happened between the constructor's read and registerObserver fired no callback
        // we saw: read again, or the link stays "connecting" and silently drops every packet.
        RTCDataChannelState now = channel.getState();
        executor.execute(() -> link.state = now);
        return link;
    }

    String label() {
        return label;
    }

    boolean isOpen() {
        return state == RTCDataChannelState.OPEN;
    }

    /** Sends one packet; call on the peer's executor. Dropped while the channel is not open. */
    void send(ByteBuffer packet) {
        if (state != RTCDataChannelState.OPEN) {
            LOG.debug("Data channel {} not open: dropping a packet", label);
            return;
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(packet.remaining());
        direct.put(packet.duplicate()).flip();
        try {
            channel.send(new RTCDataChannelBuffer(direct, true));
        } catch (Exception e) {
            LOG.debug("Data channel {}: send failed: {}", label, e.getMessage());
        }
    }

    /** Releases a channel the server created; call on the peer's executor before the peer closes. */
    void dispose() {
        if (!ownedHere) {
            return;
        }
        state = RTCDataChannelState.CLOSED;
        try {
            channel.unregisterObserver();
            channel.close();
            channel.dispose();
        } catch (RuntimeException | Error e) {
            // webrtc-java throws Error when libwebrtc still references the channel: leak it, never stop the peer's close.
            LOG.warn("Data channel {} not freed ({}); leaving it to the process", label, e.getMessage());
        }
    }
}
