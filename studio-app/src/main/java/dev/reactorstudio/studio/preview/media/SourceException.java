package dev.reactorstudio.studio.preview.media;

/** A source could not be opened or read; the message is what the row shows (says what to do). */
final class SourceException extends Exception {
    SourceException(String message) {
        super(message);
    }

    SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
