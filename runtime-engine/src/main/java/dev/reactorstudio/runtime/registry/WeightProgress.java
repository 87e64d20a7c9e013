package dev.reactorstudio.runtime.registry;

import java.util.Optional;

/** One weight's progress: a snapshot, safe to hand to another thread (e.g. the JavaFX thread). */
public record WeightProgress(String weight, PullPhase phase, TransferFigures figures, int filesDone, int filesTotal,
                             Optional<String> currentFile) {}
