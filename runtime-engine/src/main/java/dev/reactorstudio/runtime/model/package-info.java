/**
 * Loading a model: turns the manifest's {@code class} field into a running
 * {@link dev.reactorstudio.runtime.api.VideoModel} instance. Source files are compiled in memory
 * with the JDK compiler ({@code SourceCompiler}), classes are found in the source, a named jar or
 * the folder's jars and {@code classes/} ({@code ModelClassResolver}), the manifest {@code args}
 * are bound to the constructor ({@code ArgsBinder}), and the {@code @Command} methods become a
 * validated schema ({@link dev.reactorstudio.runtime.model.CommandRegistry}) whose JSON form is the
 * JS SDK's {@code modelCapabilities}. Every failure is a
 * {@link dev.reactorstudio.runtime.model.ModelLoadException} whose message names the file, field or
 * method to fix. The entry point is {@link dev.reactorstudio.runtime.model.ModelLoader}; it takes
 * the manifest's pieces rather than a manifest object so that it does not depend on the
 * {@code manifest} package's model.
 */
package dev.reactorstudio.runtime.model;
