/** The runtime's HTTP API (:8081), over a {@link dev.reactorstudio.runtime.host.ModelHost}. */
package dev.reactorstudio.runtime.server;
