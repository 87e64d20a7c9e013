/**
 * Hosting one model folder: manifest, weights resolution, construction, and the session
 * manager that serves it. The servers and the studio start here.
 */
package dev.reactorstudio.runtime.host;
