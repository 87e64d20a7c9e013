/**
 * Files clients upload for a session (the JS SDK's {@code uploadFile}): slots with a declared size,
 * the bytes streamed into a per-session temporary folder under a byte limit, sanitised names, and
 * the resolution of a command's upload references to {@link dev.reactorstudio.runtime.api.UploadedFile}s.
 * Depends on {@code api} only; the session layer owns one store and deletes a session's files when it ends.
 */
package dev.reactorstudio.runtime.upload;
