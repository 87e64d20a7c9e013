package dev.reactorstudio.runtime.registry;

import java.util.List;

/** Every weight of a pull and the totals over all of them; {@code finished} marks the last event. */
public record PullProgress(List<WeightProgress> weights, TransferFigures overall, boolean finished) {

    public PullProgress {
        weights = List.copyOf(weights);
    }
}
