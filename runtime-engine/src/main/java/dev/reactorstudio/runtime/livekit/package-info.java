/**
 * The media server on :7880: the subset of LiveKit signaling that the unmodified
 * {@code livekit-client} needs to watch and hear the model and to feed its declared inputs. One
 * room ({@code local}) per runtime, whose participants are the model ({@code reactor-model},
 * publishing {@code main_video} and, when declared, {@code main_audio}) and the viewers, who may
 * publish a camera and a microphone named after the model's inputs
 * ({@link dev.reactorstudio.runtime.livekit.InputPublications}). {@link dev.reactorstudio.runtime.livekit.LiveKitServer} serves {@code /rtc} (two peer
 * connections, "v0") and {@code /rtc/v1} (one peer connection) over binary protobuf WebSockets,
 * {@link dev.reactorstudio.runtime.livekit.LiveKitTokens} mints and checks the HS256 access
 * tokens, and each viewer's WebSocket is one {@link dev.reactorstudio.runtime.livekit.SignalSession}.
 * Peer connections, the model's video and audio and the plumbing from a client's track into an
 * input belong to the shared media engine; this package only speaks LiveKit. Protocol facts: {@code shared/docs/livekit-protocol.md}.
 */
package dev.reactorstudio.runtime.livekit;
