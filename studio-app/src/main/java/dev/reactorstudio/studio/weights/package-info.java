/**
 * The Weights tool window: every weight the manifest lists, whether it is cached, local, partly
 * downloaded or missing (the engine's own lookup and cache status), its size, and — through
 * {@link dev.reactorstudio.studio.weights.WeightDownloads}, implemented over the engine's
 * {@code WeightRegistry} by {@link dev.reactorstudio.studio.weights.RegistryDownloads} — download,
 * cancel and resume with per-weight and overall progress, rate, ETA and the file being fetched.
 * Scanning the disk runs on the {@code studio-weights} thread, never on the FX thread.
 */
package dev.reactorstudio.studio.weights;
