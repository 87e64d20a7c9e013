package dev.reactorstudio.runtime.upload;

import java.util.List;

/**
 * An upload request, or a command's upload reference, that was refused; nothing was stored and
 * nothing reaches the model. {@link #status()} is the HTTP status a server answers with.
 */
public final class UploadRejectedException extends Exception {
    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int CONFLICT = 409;
    public static final int TOO_LARGE = 413;
    public static final int TOO_MANY = 429;

    private final int status;
    private final List<String> problems;

    public UploadRejectedException(int status, String message) {
        this(status, List.of(message));
    }

    public UploadRejectedException(int status, List<String> problems) {
        super(String.join("; ", problems));
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public int status() {
        return status;
    }

    /** Each problem on its own, e.g. {@code image: unknown upload id "u1"}. */
    public List<String> problems() {
        return problems;
    }
}
