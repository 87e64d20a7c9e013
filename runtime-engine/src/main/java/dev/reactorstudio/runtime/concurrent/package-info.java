/**
 * Small concurrency and lifecycle helpers every layer may use: scheduling that logs a task's failure
 * instead of losing it in a future nobody reads ({@link dev.reactorstudio.runtime.concurrent.Scheduled}), and
 * closing every part of a server even when one part fails ({@link dev.reactorstudio.runtime.concurrent.Shutdown}).
 * Depends on no other engine package.
 */
package dev.reactorstudio.runtime.concurrent;
