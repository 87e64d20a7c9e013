package dev.reactorstudio.runtime.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection: the fuzzer needs to send what
 * {@link java.net.http.HttpClient} refuses to (any method token, a wrong {@code Content-Length},
 * a body cut short, raw bytes in the path, no {@code Host}).
 */
final class RawHttp {
    /** A response: status, headers (lower-case names; the last of repeated ones), body (de-chunked). */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What one case sends: the bytes, and whether to half-close after them (a body shorter than announced). */
    record Request(byte[] bytes, boolean halfClose, String summary) {
    }

    private static final int MAX_HEAD_BYTES = 256 * 1024;

    private RawHttp() {
    }

    static Reply exchange(String host, int port, Request request, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.bytes());
                out.flush();
                if (request.halfClose()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // The server may answer (413, 400) and close before it read everything: read what it said.
            }
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed without a response");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (status == 101 || status == 204 || status == 304) {
            return new Reply(status, headers, new byte[0]);
        }
        byte[] body;
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = chunked(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, headers, body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                return body.toByteArray();
            }
            int semicolon = size.indexOf(';');
            int n = Integer.parseInt((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One CRLF-terminated line (ISO-8859-1), or null at end of stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_HEAD_BYTES) {
                throw new IOException("response header line over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
