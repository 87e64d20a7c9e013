/**
 * The Preview tool window: frames tapped in-process from the session manager (no WebRTC) and
 * painted at most once per FX pulse, the fps/latency overlay and chart, Connect/Disconnect, the
 * command panel generated from the model's schema, the {@code send()} message log, PNG snapshots
 * and MP4 recording; the model's audio output (Mute, level meter) and its declared inputs' sources
 * ({@code preview.media} does the feeding and the sound). Engine threads only ever hand over the latest frame or a bounded batch;
 * encoding and file writing run on threads this package owns.
 */
package dev.reactorstudio.studio.preview;
