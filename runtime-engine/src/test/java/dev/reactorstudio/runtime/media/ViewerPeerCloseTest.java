package dev.reactorstudio.runtime.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A peer counts as closed only after its native connection was closed, whatever its close steps
 * throw: the engine frees the factory once no peer counts as open, so a connection left open
 * behind a "closed" peer would run on freed libwebrtc threads. A real native peer connection;
 * no network is needed to create and close one.
 */
class ViewerPeerCloseTest {
    @Test
    void aCloseActionThrowingAnErrorStillClosesTheConnectionBeforeThePeerCountsAsClosed() throws Exception {
        try (MediaEngine media = new MediaEngine(MediaOptions.defaults())) {
            ViewerPeer peer = media.openPeer("close-test", new PeerEvents() { });
            peer.call(pc -> {
                // webrtc-java reports a native object that is still referenced as java.lang.Error.
                peer.onClose(() -> {
                    throw new Error("Native object was not deleted. A reference is still around somewhere.");
                });
                return null;
            }).get(10, TimeUnit.SECONDS);
            assertThat(media.nativePeerCount()).isEqualTo(1);

            peer.close().get(10, TimeUnit.SECONDS);

            assertThat(peer.state()).isEqualTo(RTCPeerConnectionState.CLOSED);
            assertThat(media.nativePeerCount()).as("the native connection was closed and counted so").isZero();
            assertThat(media.peerCount()).isZero();
        }
    }

    @Test
    void aCloseActionThrowingAnExceptionDoesNotStopTheOthers() throws Exception {
        try (MediaEngine media = new MediaEngine(MediaOptions.defaults())) {
            AtomicBoolean laterActionRan = new AtomicBoolean();
            ViewerPeer peer = media.openPeer("close-test-2", new PeerEvents() { });
            peer.call(pc -> {
                peer.onClose(() -> {
                    throw new IllegalStateException("a failing close action");
                });
                peer.onClose(() -> laterActionRan.set(true));
                return null;
            }).get(10, TimeUnit.SECONDS);

            peer.close().get(10, TimeUnit.SECONDS);

            assertThat(laterActionRan).isTrue();
            assertThat(media.nativePeerCount()).isZero();
        }
    }
}
