package dev.reactorstudio.runtime.registry;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.FileSystemException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK and I/O exceptions into {@link RegistryException}s whose message names the problem,
 * the place, and the fix. One place, so every command and the studio speak the same language.
 */
final class ErrorTranslator {
    private ErrorTranslator() {}

    /** @param where what we were doing, e.g. "listing s3://b/p/LongLive/" */
    static RegistryException translate(Throwable error, String where, RegistrySettings settings) {
        if (error instanceof RegistryException r) {
            return r;
        }
        if (error instanceof S3Exception s3) {
            return fromService(s3, where, settings);
        }
        if (error instanceof SdkClientException client) {
            return fromClient(client, where, settings);
        }
        if (error instanceof IOException io) {
            return fromLocal(io, where, settings);
        }
        if (error instanceof SdkException sdk) {
            return new RegistryException(RegistryProblem.OTHER, where + " failed: " + sdk.getMessage(), sdk);
        }
        return new RegistryException(RegistryProblem.OTHER, where + " failed: " + error, error);
    }

    private static RegistryException fromService(S3Exception e, String where, RegistrySettings settings) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String bucket = settings.location().map(RegistryLocation::bucket).orElse("?");
        return switch (code) {
            case "NoSuchBucket" -> new RegistryException(RegistryProblem.BUCKET_NOT_FOUND, "bucket \"" + bucket
                    + "\" does not exist" + endpointNote(settings) + " — check --registry / REACTOR_REGISTRY", e);
            case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired" ->
                    new RegistryException(RegistryProblem.CREDENTIALS_REJECTED, "the registry rejected your AWS credentials ("
                            + code + ") while " + where + " — check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE,"
                            + " or run `aws sso login`", e);
            case "AccessDenied", "AllAccessDisabled", "AccountProblem" -> accessDenied(e, where);
            case "PreconditionFailed" -> new RegistryException(RegistryProblem.CHANGED_DURING_PULL, "an object changed in the"
                    + " registry while " + where + " — pull again to fetch the new version", e);
            default -> {
                if (e.statusCode() == 403) {
                    yield accessDenied(e, where);
                }
                if (e.statusCode() == 412) {
                    yield new RegistryException(RegistryProblem.CHANGED_DURING_PULL, "an object changed in the registry while "
                            + where + " — pull again to fetch the new version", e);
                }
                if (e.statusCode() >= 500 || e.statusCode() == 429) {
                    yield new RegistryException(RegistryProblem.NETWORK, "the registry kept failing (HTTP " + e.statusCode()
                            + (code.isEmpty() || code.equals("null") ? "" : " " + code) + ") while " + where
                            + " after " + settings.maxAttempts() + " attempts — try again later", e);
                }
                yield new RegistryException(RegistryProblem.OTHER, where + " failed: HTTP " + e.statusCode() + " " + code
                        + " " + e.getMessage(), e);
            }
        };
    }

    private static RegistryException accessDenied(S3Exception e, String where) {
        return new RegistryException(RegistryProblem.ACCESS_DENIED, "access denied while " + where
                + " — your AWS identity needs s3:ListBucket and s3:GetObject on the registry (s3:PutObject to push)", e);
    }

    private static RegistryException fromClient(SdkClientException e, String where, RegistrySettings settings) {
        String text = messages(e);
        if (text.contains("unable to load credentials") || text.contains("unable to load aws credentials")
                || text.contains("profile file contained no credentials") || text.contains("token is expired")
                || text.contains("sso session")) {
            return new RegistryException(RegistryProblem.NO_CREDENTIALS, "no credentials found — set a profile or keys:"
                    + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile with AWS_PROFILE (or `aws sso login`)"
                    + " (" + firstLine(e.getMessage()) + ")", e);
        }
        if (hasCause(e, SocketTimeoutException.class) || text.contains("timed out") || text.contains("timeout")) {
            return new RegistryException(RegistryProblem.NETWORK, "network timeout while " + where + endpointNote(settings)
                    + " after " + settings.maxAttempts() + " attempts — check your connection and try again", e);
        }
        if (hasCause(e, IOException.class)) {
            return new RegistryException(RegistryProblem.NETWORK, "network error while " + where + endpointNote(settings)
                    + ": " + firstLine(rootMessage(e)) + " — check your connection and try again", e);
        }
        return new RegistryException(RegistryProblem.OTHER, where + " failed: " + firstLine(e.getMessage()), e);
    }

    private static RegistryException fromLocal(IOException e, String where, RegistrySettings settings) {
        if (isDiskFull(e)) {
            return new RegistryException(RegistryProblem.DISK_FULL, "disk full while " + where + " — free space under "
                    + settings.cacheRoot() + " or point " + RegistrySettings.CACHE_VARIABLE
                    + " at a bigger disk; partial files are kept and the pull resumes", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new RegistryException(RegistryProblem.NETWORK, "network timeout while " + where + endpointNote(settings)
                    + " after " + settings.maxAttempts() + " attempts — check your connection and try again", e);
        }
        if (e instanceof FileSystemException) {
            return new RegistryException(RegistryProblem.LOCAL_IO, where + " failed: " + e, e);
        }
        return new RegistryException(RegistryProblem.NETWORK, "network error while " + where + endpointNote(settings)
                + " after " + settings.maxAttempts() + " attempts: " + e.getMessage(), e);
    }

    /** A failure of the local disk: full, or another I/O error — never a network problem. */
    static RegistryException local(IOException e, String where, RegistrySettings settings) {
        if (isDiskFull(e)) {
            return fromLocal(e, where, settings);
        }
        return new RegistryException(RegistryProblem.LOCAL_IO, where + " failed: " + e, e);
    }

    static boolean isDiskFull(IOException e) {
        String text = messages(e);
        return text.contains("no space left") || text.contains("disk full") || text.contains("not enough space")
                || text.contains("quota exceeded");
    }

    private static String endpointNote(RegistrySettings settings) {
        return settings.endpoint().map(u -> " (endpoint " + u + ")").orElse("");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString().toLowerCase(Locale.ROOT);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
