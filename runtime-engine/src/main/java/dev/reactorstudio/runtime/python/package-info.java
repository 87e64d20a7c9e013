/**
 * The Python bridge, Java side: runs a seed-style Python model ({@code from reactor_runtime import
 * VideoModel, command, get_ctx}) unchanged in a child interpreter and presents it to the engine
 * as an ordinary {@link dev.reactorstudio.runtime.api.VideoModel}. {@link
 * dev.reactorstudio.runtime.python.PythonVideoModel} is that model; it owns the child process
 * ({@link dev.reactorstudio.runtime.python.PythonProcess}), relays frames and messages into the
 * session context and restarts a crashed child with backoff. The Python package itself ships
 * under {@code resources/python} and is extracted by {@link dev.reactorstudio.runtime.python.PythonRuntimeFiles}.
 * Depends only on the author API: the model layer turns what it reports into a command registry.
 */
package dev.reactorstudio.runtime.python;
