/** Starting and stopping the services of one model folder together: the shell the CLI and the studio share. */
package dev.reactorstudio.runtime.services;
