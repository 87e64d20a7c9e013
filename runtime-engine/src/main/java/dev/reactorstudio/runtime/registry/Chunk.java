package dev.reactorstudio.runtime.registry;

/** One ranged GET of an object: bytes {@code from..end} (inclusive), chunk {@code index} of its download. */
record Chunk(ObjectDownload download, int index, long from, long end) {}
