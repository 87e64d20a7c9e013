package dev.reactorstudio.runtime.model;

import dev.reactorstudio.runtime.api.VideoModel;

/**
 * Runs one command on a model with arguments already validated and converted. Java models call
 * their annotated method; Python models send the call to their process. Keeping this the only
 * difference means both kinds share the schema, the validation and the capabilities JSON.
 */
@FunctionalInterface
public interface CommandInvoker {

    /**
     * @param arguments the converted values in parameter order
     * @return the command's result (null for none)
     * @throws Exception whatever the command raised
     */
    Object invoke(VideoModel model, Object[] arguments) throws Exception;
}
