/**
 * The coordinator on :8080, the client-facing door: the Reactor JS SDK 2.9.x local-mode routes
 * ({@code /start_session}, ICE servers, {@code sdp_params} offer/poll, {@code /stop_session}, CORS),
 * the JS SDK data-channel protocol, the seed-era {@code WS /ws}, {@code /health} and the built-in
 * viewer page at {@code /}. It starts and stops sessions through the runtime's HTTP API (so it
 * can later sit on another machine) while media and messages flow in-process through the
 * {@link dev.reactorstudio.runtime.media.MediaEngine}. One {@link dev.reactorstudio.runtime.coordinator.Viewer}
 * per {@code start_session} call: a second call while a session runs joins it as another viewer.
 */
package dev.reactorstudio.runtime.coordinator;
