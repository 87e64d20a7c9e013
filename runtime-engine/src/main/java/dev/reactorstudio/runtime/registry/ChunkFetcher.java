package dev.reactorstudio.runtime.registry;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Fetches one chunk with a ranged GET pinned to the listed version ({@code If-Match}) and streams it
 * straight into the part file with positional writes (and into the object's digest, see {@link
 * InOrderDigest}): memory stays at one buffer per worker. The
 * SDK retries a request that fails before its body starts; a body that breaks off mid-way is
 * retried here from the last byte written, with backoff, up to the configured attempts.
 */
final class ChunkFetcher {
    private static final int BUFFER = 256 * 1024;

    private final S3Client s3;
    private final RegistrySettings settings;
    private final String bucket;
    private final CancelSignal cancel;

    ChunkFetcher(S3Client s3, RegistrySettings settings, String bucket, CancelSignal cancel) {
        this.s3 = s3;
        this.settings = settings;
        this.bucket = bucket;
        this.cancel = cancel;
    }

    void fetch(Chunk chunk, WeightCounters counters) throws RegistryException {
        RemoteObject object = chunk.download().object;
        String what = "downloading " + object.key();
        Cursor cursor = new Cursor(chunk.from());
        int failures = 0;
        byte[] buffer = new byte[BUFFER];
        try (FileChannel out = FileChannel.open(chunk.download().part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            while (cursor.next <= chunk.end()) {
                cancel.throwIfCancelled();
                ResponseInputStream<GetObjectResponse> in = open(object, cursor.next, chunk.end(), what);
                cancel.register(in);
                try (in) {
                    checkRange(in.response(), cursor.next, object, what);
                    copy(in, out, chunk, cursor, buffer, counters, what);
                    if (cursor.next <= chunk.end()) {
                        throw new EOFException("the stream ended at byte " + cursor.next + " of " + object.size());
                    }
                } catch (IOException | SdkClientException broken) {
                    in.abort(); // never drain a broken connection back into the pool
                    cancel.throwIfCancelled();
                    if (++failures >= settings.maxAttempts()) {
                        throw ErrorTranslator.translate(broken, what, settings);
                    }
                    cancel.sleep(Backoff.delayMillis(failures));
                } finally {
                    cancel.unregister(in);
                }
            }
        } catch (IOException e) {
            throw ErrorTranslator.local(e, "writing " + chunk.download().part, settings);
        }
    }

    private ResponseInputStream<GetObjectResponse> open(RemoteObject object, long from, long end, String what)
            throws RegistryException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(object.key()).range("bytes=" + from + "-" + end)
                    .ifMatch(ETags.quoted(object.eTag())));
        } catch (RuntimeException e) {
            cancel.throwIfCancelled();
            throw ErrorTranslator.translate(e, what, settings);
        }
    }

    /** A server that ignores Range would hand us the wrong bytes at this offset; refuse rather than corrupt. */
    private static void checkRange(GetObjectResponse response, long from, RemoteObject object, String what)
            throws RegistryException {
        String range = response.contentRange();
        boolean whole = from == 0 && response.contentLength() != null && response.contentLength() == object.size();
        if ((range == null || !range.startsWith("bytes " + from + "-")) && !whole) {
            throw new RegistryException(RegistryProblem.OTHER, what + ": the server ignored the byte range (got "
                    + range + " for bytes " + from + "-); this S3-compatible store cannot resume downloads");
        }
    }

    /** Copies until the stream ends or the chunk is full, advancing the cursor; a failed write is a local problem, reported at once. */
    private void copy(ResponseInputStream<GetObjectResponse> in, FileChannel out, Chunk chunk, Cursor cursor, byte[] buffer,
                      WeightCounters counters, String what) throws IOException, RegistryException {
        long end = chunk.end();
        int n;
        while (cursor.next <= end && (n = in.read(buffer, 0, (int) Math.min(buffer.length, end - cursor.next + 1))) > 0) {
            ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
            try {
                long at = cursor.next;
                while (data.hasRemaining()) {
                    at += out.write(data, at);
                }
                chunk.download().written(cursor.next, buffer, 0, n);
            } catch (IOException writeFailed) {
                // Local disk problems (writing the part, reading it back for the digest) are not network hiccups: never retry them.
                throw ErrorTranslator.local(writeFailed, "writing " + what.substring("downloading ".length()), settings);
            }
            cursor.next += n;
            counters.transferred(n);
            cancel.throwIfCancelled();
        }
    }

    /** The next byte of the chunk to fetch; survives a broken body so the retry starts there. */
    private static final class Cursor {
        long next;

        Cursor(long next) {
            this.next = next;
        }
    }
}
