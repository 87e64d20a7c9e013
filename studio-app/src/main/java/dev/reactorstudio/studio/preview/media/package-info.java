/**
 * The Preview's two-way media, in-process (no WebRTC): feeds that publish a webcam, a video file,
 * an image, an audio file or the microphone into the running model's declared inputs as publisher
 * {@value dev.reactorstudio.studio.preview.media.InputFeed#PUBLISHER}, and the model's audio output
 * tapped into a level meter and the speakers. Every feed owns one named thread that opens, runs and
 * frees its source; the speaker owns the output line.
 */
package dev.reactorstudio.studio.preview.media;
