package dev.reactorstudio.runtime.upload;

import dev.reactorstudio.runtime.api.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uploads of one runtime's sessions. A client first allocates a slot (name, size, MIME type),
 * then sends exactly that many bytes, which land in {@code <root>/<session>/<upload id>/<safe name>};
 * a command then refers to the upload by id and the model gets an {@link UploadedFile}. Only sessions
 * the owner {@link #openSession opened} accept uploads, and {@link #discardSession} deletes a
 * session's files when it ends. Each upload belongs to the client (owner) that allocated it, so
 * another client's command cannot name it. The root folder is private to this process's user
 * and is deleted on {@link #close()}.
 */
public final class UploadStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern MIME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*"
            + "(\\s*;.*)?");
    private static final int MAX_MIME_LENGTH = 255;
    private static final String DEFAULT_MIME = "application/octet-stream";
    private static final int COPY_BUFFER = 64 * 1024;

    private enum State { ALLOCATED, RECEIVING, COMPLETE }

    /** One upload; its state changes under its own lock. */
    private static final class Upload {
        final UploadSlot slot;
        final String sessionId;
        final String owner;
        final Path file;
        State state = State.ALLOCATED;

        Upload(UploadSlot slot, String sessionId, String owner, Path file) {
            this.slot = slot;
            this.sessionId = sessionId;
            this.owner = owner;
            this.file = file;
        }

        UploadedFile asFile() {
            return new UploadedFile(file, slot.name(), slot.mimeType(), slot.size());
        }
    }

    private final UploadLimits limits;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Set<String> openSessions = ConcurrentHashMap.newKeySet();
    private Path root;
    private boolean closed;

    public UploadStore(UploadLimits limits) {
        this.limits = limits;
    }

    public UploadLimits limits() {
        return limits;
    }

    /** Lets {@code sessionId} receive uploads (the session layer calls this when a session starts). */
    public void openSession(String sessionId) {
        openSessions.add(sessionId);
    }

    /** Forgets every upload of {@code sessionId} and deletes its folder; later uses of its ids get 404. */
    public void discardSession(String sessionId) {
        openSessions.remove(sessionId);
        uploads.values().removeIf(upload -> upload.sessionId.equals(sessionId));
        Path folder;
        synchronized (this) {
            folder = root == null ? null : root.resolve(sessionId);
        }
        if (folder != null) {
            deleteTree(folder);
        }
    }

    /**
     * Allocates a slot for a file of {@code size} bytes.
     *
     * @param owner the client asking (a viewer id): only its own commands may use the upload
     * @throws UploadRejectedException 400 for a bad name/size/type, 404 when the session is not running,
     *                                 413 over the size limit, 429 over the session's upload count
     */
    public UploadSlot allocate(String sessionId, String owner, String name, long size, String mimeType)
            throws UploadRejectedException {
        if (name == null) {
            throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST,
                    "name is missing: give the file's name, e.g. \"photo.png\"");
        }
        if (size < 1) {
            throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST,
                    "size must be a positive number of bytes, got " + size);
        }
        if (size > limits.maxFileBytes()) {
            throw new UploadRejectedException(UploadRejectedException.TOO_LARGE, "the file is " + size
                    + " bytes; the upload limit is " + limits.maxFileBytes() + " bytes (raise it with reactor run --max-upload-mb)");
        }
        String mime = mimeType(mimeType);
        if (!openSessions.contains(sessionId)) {
            throw new UploadRejectedException(UploadRejectedException.NOT_FOUND,
                    "session " + sessionId + " is not running: start a session, then upload");
        }
        synchronized (this) {
            long held = 0;
            int count = 0;
            for (Upload upload : uploads.values()) {
                if (upload.sessionId.equals(sessionId)) {
                    held += upload.slot.size();
                    count++;
                }
            }
            if (count >= limits.maxSessionFiles()) {
                throw new UploadRejectedException(UploadRejectedException.TOO_MANY, "the session already holds "
                        + count + " uploads, the most one session may hold");
            }
            if (held + size > limits.maxSessionBytes()) {
                throw new UploadRejectedException(UploadRejectedException.TOO_LARGE, "the session's uploads would take "
                        + (held + size) + " bytes; one session may hold " + limits.maxSessionBytes()
                        + " (4 files of the upload limit; raise it with reactor run --max-upload-mb)");
            }
            String id = newId();
            UploadSlot slot = new UploadSlot(id, SafeFileName.of(name), mime, size);
            Path file = root().resolve(sessionId).resolve(id).resolve(slot.name());
            uploads.put(id, new Upload(slot, sessionId, owner, file));
            return slot;
        }
    }

    /**
     * Receives the bytes of an allocated upload: exactly its declared size, streamed to disk, never
     * more read than that plus one byte.
     *
     * @param contentLength the request's Content-Length, or -1 when it sent none (the count is checked anyway)
     * @throws UploadRejectedException 404 unknown (or its session ended), 409 already received or in progress,
     *                                 400 when the length differs from the declared size (the slot stays open for a retry)
     */
    public UploadedFile receive(String uploadId, long contentLength, InputStream body)
            throws UploadRejectedException, IOException {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            throw unknown(uploadId);
        }
        synchronized (upload) {
            if (upload.state != State.ALLOCATED) {
                throw new UploadRejectedException(UploadRejectedException.CONFLICT, "upload " + uploadId + " was "
                        + (upload.state == State.COMPLETE ? "already received" : "is being received by another request"));
            }
            if (contentLength >= 0 && contentLength != upload.slot.size()) {
                throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST, "Content-Length " + contentLength
                        + " does not match the declared size " + upload.slot.size() + " of upload " + uploadId);
            }
            upload.state = State.RECEIVING;
        }
        boolean complete = false;
        try {
            Files.createDirectories(upload.file.getParent());
            long received = copyAtMost(body, upload.file, upload.slot.size() + 1);
            if (received != upload.slot.size()) {
                throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST, "upload " + uploadId + " declared "
                        + upload.slot.size() + " bytes but the body " + (received > upload.slot.size()
                        ? "has more" : "ended after " + received));
            }
            complete = true;
        } finally {
            synchronized (upload) {
                upload.state = complete ? State.COMPLETE : State.ALLOCATED;
            }
            if (!complete) {
                Files.deleteIfExists(upload.file);
            }
        }
        if (uploads.get(uploadId) != upload) {
            // The session ended while the bytes arrived: its folder is being deleted, so is this.
            deleteTree(upload.file.getParent());
            throw unknown(uploadId);
        }
        return upload.asFile();
    }

    /**
     * Allocates and fills an upload from a local file in one step (the studio's file chooser): the
     * same limits, names and lifetime as a client's upload.
     */
    public UploadedFile store(String sessionId, String owner, Path source, String mimeType)
            throws UploadRejectedException, IOException {
        long size = Files.size(source);
        UploadSlot slot = allocate(sessionId, owner, source.getFileName().toString(), size, mimeType);
        try (InputStream in = Files.newInputStream(source)) {
            return receive(slot.id(), size, in);
        }
    }

    /**
     * The received file behind {@code uploadId}, if {@code owner} of {@code sessionId} may use it.
     *
     * @param claimedSize the size the client's reference states, or -1 when it states none
     * @throws UploadRejectedException 404 unknown, 403 another client's or session's, 409 not received yet,
     *                                 400 when the claimed size is not the received one
     */
    public UploadedFile resolve(String sessionId, String owner, String uploadId, long claimedSize)
            throws UploadRejectedException {
        Upload upload = uploadId == null ? null : uploads.get(uploadId);
        if (upload == null) {
            throw unknown(uploadId);
        }
        if (!upload.sessionId.equals(sessionId) || !upload.owner.equals(owner)) {
            throw new UploadRejectedException(UploadRejectedException.FORBIDDEN,
                    "upload " + uploadId + " belongs to another session: upload the file in this one");
        }
        synchronized (upload) {
            if (upload.state != State.COMPLETE) {
                throw new UploadRejectedException(UploadRejectedException.CONFLICT,
                        "upload " + uploadId + " has not been received yet: PUT its bytes first");
            }
        }
        if (claimedSize >= 0 && claimedSize != upload.slot.size()) {
            throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST, "upload " + uploadId + " has "
                    + upload.slot.size() + " bytes, not " + claimedSize);
        }
        return upload.asFile();
    }

    /** Uploads currently held for {@code sessionId} (allocated or received). */
    public int count(String sessionId) {
        return (int) uploads.values().stream().filter(u -> u.sessionId.equals(sessionId)).count();
    }

    /** Where {@code sessionId}'s files go (it may not exist yet). */
    public synchronized Path sessionFolder(String sessionId) {
        return root().resolve(sessionId);
    }

    /** Deletes every upload and the root folder. */
    @Override
    public void close() {
        Path folder;
        synchronized (this) {
            closed = true;
            folder = root;
        }
        openSessions.clear();
        uploads.clear();
        if (folder != null) {
            deleteTree(folder);
        }
    }

    private synchronized Path root() {
        if (closed) {
            throw new IllegalStateException("the upload store is closed");
        }
        if (root == null) {
            try {
                // createTempDirectory makes it owner-only (rwx------) on POSIX systems.
                root = Files.createTempDirectory("reactor-uploads-");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot create a folder for uploads in "
                        + System.getProperty("java.io.tmpdir"), e);
            }
        }
        return root;
    }

    private static String mimeType(String declared) throws UploadRejectedException {
        if (declared == null || declared.isBlank()) {
            return DEFAULT_MIME;
        }
        if (declared.length() > MAX_MIME_LENGTH || !MIME.matcher(declared).matches()) {
            throw new UploadRejectedException(UploadRejectedException.BAD_REQUEST,
                    "mime_type must look like type/subtype (e.g. image/png), got " + shorten(declared));
        }
        return declared;
    }

    private static long copyAtMost(InputStream in, Path file, long limit) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (total < limit) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
                if (read < 0) {
                    break;
                }
                out.write(buffer, 0, read);
                total += read;
            }
        }
        return total;
    }

    private static UploadRejectedException unknown(String uploadId) {
        return new UploadRejectedException(UploadRejectedException.NOT_FOUND, "unknown upload id \"" + shorten(
                String.valueOf(uploadId)) + "\" (its session ended, or it was never allocated): upload the file again");
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete uploads in {}: {}", folder, e.toString());
        }
    }
}
