package dev.reactorstudio.runtime.livekit;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import livekit.LivekitModels.ClientInfo;
import livekit.LivekitRtc.JoinRequest;
import livekit.LivekitRtc.WrappedJoinRequest;

/**
 * Reads a client's join parameters from the WebSocket URL. v0 spells them out as query
 * parameters; v1 packs a protobuf {@code JoinRequest} (with the client's first offer, often
 * 18 KB of SDP) into {@code join_request}: base64url of a {@code WrappedJoinRequest} whose
 * payload is gzip-compressed when the browser has {@code CompressionStream}.
 */
final class JoinRequestDecoder {
    /** A gzip bomb must not exhaust memory: no honest join request comes near this. */
    private static final int MAX_JOIN_REQUEST_BYTES = 4 * 1024 * 1024;

    private JoinRequestDecoder() {
    }

    /**
     * @param query one value per query parameter name (absent parameters return null)
     * @throws IllegalArgumentException naming what is malformed
     */
    static JoinParameters decode(SignalPath path, Function<String, String> query) {
        if (path == SignalPath.V1) {
            String packed = query.apply("join_request");
            if (packed == null || packed.isEmpty()) {
                throw new IllegalArgumentException("/rtc/v1 needs the join_request query parameter");
            }
            return fromJoinRequest(unwrap(packed));
        }
        return new JoinParameters(SignalPath.V0, !"0".equals(query.apply("auto_subscribe"))
                && !"false".equals(query.apply("auto_subscribe")), "1".equals(query.apply("reconnect")),
                Optional.empty(), describe(query.apply("sdk"), query.apply("version"), query.apply("protocol")));
    }

    static JoinParameters decode(SignalPath path, Map<String, String> query) {
        return decode(path, query::get);
    }

    static JoinRequest unwrap(String packed) {
        byte[] wrapped;
        try {
            // The client keeps '=' padding; the URL decoder accepts it with or without.
            wrapped = Base64.getUrlDecoder().decode(packed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("join_request is not base64url: " + e.getMessage(), e);
        }
        try {
            WrappedJoinRequest wrapper = WrappedJoinRequest.parseFrom(wrapped);
            byte[] payload = wrapper.getJoinRequest().toByteArray();
            if (wrapper.getCompression() == WrappedJoinRequest.Compression.GZIP) {
                payload = gunzip(payload);
            }
            return JoinRequest.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("join_request is not a LiveKit WrappedJoinRequest: " + e.getMessage(), e);
        }
    }

    private static JoinParameters fromJoinRequest(JoinRequest request) {
        ClientInfo info = request.getClientInfo();
        boolean autoSubscribe = !request.hasConnectionSettings() || request.getConnectionSettings().getAutoSubscribe();
        return new JoinParameters(SignalPath.V1, autoSubscribe, request.getReconnect(),
                request.hasPublisherOffer() ? Optional.of(request.getPublisherOffer()) : Optional.empty(),
                describe(info.getSdk().name().toLowerCase(java.util.Locale.ROOT), info.getVersion(),
                        String.valueOf(info.getProtocol())));
    }

    private static byte[] gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] out = in.readNBytes(MAX_JOIN_REQUEST_BYTES + 1);
            if (out.length > MAX_JOIN_REQUEST_BYTES) {
                throw new IllegalArgumentException("join_request expands past " + MAX_JOIN_REQUEST_BYTES + " bytes");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("join_request says GZIP but is not gzip data: " + e.getMessage(), e);
        }
    }

    private static String describe(String sdk, String version, String protocol) {
        return (sdk == null ? "unknown" : sdk) + " " + (version == null ? "?" : version)
                + " (protocol " + (protocol == null ? "?" : protocol) + ")";
    }
}
