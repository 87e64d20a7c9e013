/** Core frame types: the RGB frame that flows from a model to every sink, and conversion of author inputs into it. */
package dev.reactorstudio.runtime.frame;
