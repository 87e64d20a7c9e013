/**
 * What the studio shows when no model is open: the bundled examples (copied to a writable folder
 * before they open), New Model, Open Folder, the recent models, and a one-line check of what
 * running a model needs (Python with numpy, the weights registry, free ports) with a fix for each.
 */
package dev.reactorstudio.studio.welcome;
