/**
 * Small concurrency helpers every layer may use: scheduling that logs a task's failure instead of
 * losing it in a future nobody reads. Depends on no other engine package.
 */
package dev.reactorstudio.runtime.concurrent;
