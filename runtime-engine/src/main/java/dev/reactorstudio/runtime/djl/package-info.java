/**
 * DJL tensors as frames. The only engine package that touches {@code ai.djl}: the session calls
 * {@link dev.reactorstudio.runtime.djl.NdArrayFrames} only when a model passes an {@code NDArray},
 * so a plain model never loads a DJL class or a native library. {@link dev.reactorstudio.runtime.djl.DjlDefaults}
 * uses no DJL class at all: it only sets the properties DJL reads when (if ever) it starts.
 */
package dev.reactorstudio.runtime.djl;
