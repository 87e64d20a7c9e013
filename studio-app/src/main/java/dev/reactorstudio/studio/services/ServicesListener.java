package dev.reactorstudio.studio.services;

import dev.reactorstudio.runtime.host.ModelHost;
import dev.reactorstudio.runtime.model.CompileError;
import java.util.List;

/** What the rest of the studio hears about Run and Stop. Called on the FX thread. */
public interface ServicesListener {
    /** The services are up and the model is loaded: preview, commands and messages can attach. */
    default void ready(ModelHost host) {
    }

    /** Run failed; {@code compileErrors} is non-empty when the model source did not compile. */
    default void failed(String message, List<CompileError> compileErrors) {
    }

    /** The services stopped and their ports are free. */
    default void stopped() {
    }
}
