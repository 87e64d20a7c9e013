/**
 * The open model folder: the project tree, recent projects (java.util.prefs), and creating a new
 * model folder with the engine's own {@code reactor init} templates.
 */
package dev.reactorstudio.studio.project;
