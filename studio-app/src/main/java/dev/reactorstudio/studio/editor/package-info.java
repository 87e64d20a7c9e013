/**
 * Text editing: a RichTextFX code editor with syntax highlighting for the model's Java, Python
 * and JSON files and compile errors marked at their line, and the editor tabs that open, save
 * and track files of the project.
 */
package dev.reactorstudio.studio.editor;
