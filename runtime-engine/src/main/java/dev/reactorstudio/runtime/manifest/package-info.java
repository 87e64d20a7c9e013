/**
 * Reading and writing a model's {@code manifest.json}: {@link dev.reactorstudio.runtime.manifest.ManifestValidator}
 * checks the text and reports every problem at once as a {@link dev.reactorstudio.runtime.manifest.ManifestProblem}
 * (JSON path, line and column, what is wrong and how to fix it), handing out a valid
 * {@link dev.reactorstudio.runtime.manifest.Manifest} only when there are no errors;
 * {@link dev.reactorstudio.runtime.manifest.ManifestWriter} writes one back in the seed's layout, keeping keys it
 * does not know. Version rules live in {@link dev.reactorstudio.runtime.manifest.Semver} and
 * {@link dev.reactorstudio.runtime.manifest.EngineVersion}. Depends only on Jackson; loading the model a manifest
 * names is the {@code model} package's job.
 */
package dev.reactorstudio.runtime.manifest;
