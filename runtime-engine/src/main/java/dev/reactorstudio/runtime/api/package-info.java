/**
 * What model authors import: {@link dev.reactorstudio.runtime.api.VideoModel},
 * {@link dev.reactorstudio.runtime.api.Reactor}, {@link dev.reactorstudio.runtime.api.SessionContext},
 * {@link dev.reactorstudio.runtime.api.Command} and {@link dev.reactorstudio.runtime.api.Param}.
 * Depends on nothing else in the engine.
 */
package dev.reactorstudio.runtime.api;
