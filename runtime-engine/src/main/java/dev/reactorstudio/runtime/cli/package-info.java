/** The {@code reactor} command line (picocli): a thin shell over {@code services}, {@code host} and {@code manifest}. */
package dev.reactorstudio.runtime.cli;
