package dev.reactorstudio.runtime.guard;

import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import org.eclipse.jetty.http.HttpException;

/**
 * An exception a handler let through that is the client's doing, not the server's: Jetty
 * refusing what was sent (a query string that does not decode, a body cut short) or a body in a
 * charset Java does not know. Such requests get the 4xx they deserve with the reason, instead of
 * a 500 that blames the server (the HTTP fuzzer found both).
 */
record ClientFault(int status, String reason) {

    /** The client's fault in {@code e} or its causes, or null when {@code e} is a server fault. */
    static ClientFault of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                String reason = http.getReason() != null && !http.getReason().isBlank() ? http.getReason() : t.getMessage();
                return new ClientFault(http.getCode(), reason == null ? "bad request" : reason);
            }
            if (t instanceof UnsupportedCharsetException || t instanceof IllegalCharsetNameException) {
                return new ClientFault(415, "the body's charset is not supported (" + t.getMessage()
                        + "): send UTF-8 (Content-Type: application/json; charset=utf-8)");
            }
        }
        return null;
    }
}
