package dev.reactorstudio.runtime.registry;

/** What a push uploaded: files, bytes, how many went multipart, and stale objects removed (with replace). */
public record PushResult(String weight, String location, int files, long bytes, int multipartFiles, int removed) {}
