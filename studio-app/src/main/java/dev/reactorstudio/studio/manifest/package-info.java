/**
 * The manifest editor. {@link dev.reactorstudio.studio.manifest.ManifestDocument} is the model:
 * the JSON text, the last object it parsed to and the engine's validation, kept consistent
 * whichever side changes. The form and the JSON source are two views of it; a form edit rewrites
 * the text with the engine's stable {@code ManifestWriter}, a source edit refills the form.
 */
package dev.reactorstudio.studio.manifest;
