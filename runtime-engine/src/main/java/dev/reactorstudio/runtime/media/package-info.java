/**
 * The WebRTC engine (libwebrtc through webrtc-java): one {@link dev.reactorstudio.runtime.media.MediaEngine}
 * owns the peer-connection factory and the audio module; it converts each released frame once
 * from RGB to I420 and pushes it into the session's one {@code CustomVideoSource}, whose track
 * every {@link dev.reactorstudio.runtime.media.ViewerPeer} shares (libwebrtc encodes per peer).
 *
 * <p>Threading, the rule every class here follows: libwebrtc calls observers on its signaling
 * and network threads, which all peers of the factory share, and a peer-connection call made
 * from another thread blocks until the signaling thread runs it. So each peer owns a
 * single-threaded {@link dev.reactorstudio.runtime.media.PeerExecutor} on which every call into
 * its peer connection runs; native callbacks only post to it; no lock is held across a native
 * call. Signaling servers (the coordinator's JS SDK routes, the LiveKit subset) build on
 * {@code ViewerPeer}, {@link dev.reactorstudio.runtime.media.DataChannelBridge} and
 * {@link dev.reactorstudio.runtime.media.CommandGateway}.
 */
package dev.reactorstudio.runtime.media;
