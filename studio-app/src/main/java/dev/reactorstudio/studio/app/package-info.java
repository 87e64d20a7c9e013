/** Application shell of the studio: launcher and main window. */
package dev.reactorstudio.studio.app;
