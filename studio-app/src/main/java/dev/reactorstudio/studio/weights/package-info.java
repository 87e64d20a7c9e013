/**
 * The Weights tool window: every weight the manifest lists, whether it is cached, local, partly
 * downloaded or missing, its size, and — through {@link dev.reactorstudio.studio.weights.WeightDownloads}
 * — download, cancel and resume with per-file and overall progress, rate and ETA. Scanning the disk
 * runs on the {@code studio-weights} thread, never on the FX thread.
 */
package dev.reactorstudio.studio.weights;
