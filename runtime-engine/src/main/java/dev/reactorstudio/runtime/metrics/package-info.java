/**
 * What the servers share to serve {@code GET /metrics}: a Prometheus registry as text. Depends on no
 * other engine package.
 */
package dev.reactorstudio.runtime.metrics;
