package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import livekit.LivekitModels.ClientInfo;
import livekit.LivekitRtc.ConnectionSettings;
import livekit.LivekitRtc.JoinRequest;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.WrappedJoinRequest;
import org.junit.jupiter.api.Test;

class JoinRequestDecoderTest {
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" + "a=x\r\n".repeat(3000);

    private static JoinRequest browserJoinRequest() {
        return JoinRequest.newBuilder()
                .setClientInfo(ClientInfo.newBuilder().setSdk(ClientInfo.SDK.JS).setVersion("2.23.0").setProtocol(17))
                .setConnectionSettings(ConnectionSettings.newBuilder().setAutoSubscribe(true))
                .setPublisherOffer(SessionDescription.newBuilder().setType("offer").setSdp(SDP).setId(1))
                .build();
    }

    /** What livekit-client 2.23.0 puts in the URL: base64url with '=' padding kept. */
    private static String pack(JoinRequest request, boolean gzip) throws IOException {
        byte[] payload = request.toByteArray();
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(payload);
            }
            payload = out.toByteArray();
        }
        WrappedJoinRequest wrapped = WrappedJoinRequest.newBuilder()
                .setCompression(gzip ? WrappedJoinRequest.Compression.GZIP : WrappedJoinRequest.Compression.NONE)
                .setJoinRequest(ByteString.copyFrom(payload)).build();
        return Base64.getUrlEncoder().encodeToString(wrapped.toByteArray());
    }

    @Test
    void gzippedJoinRequestYieldsThePublisherOffer() throws IOException {
        JoinParameters join = JoinRequestDecoder.decode(SignalPath.V1,
                Map.of("join_request", pack(browserJoinRequest(), true)));

        assertThat(join.path()).isEqualTo(SignalPath.V1);
        assertThat(join.autoSubscribe()).isTrue();
        assertThat(join.reconnect()).isFalse();
        assertThat(join.publisherOffer()).hasValueSatisfying(offer -> {
            assertThat(offer.getSdp()).isEqualTo(SDP);
            assertThat(offer.getId()).isEqualTo(1);
        });
        assertThat(join.client()).isEqualTo("js 2.23.0 (protocol 17)");
    }

    @Test
    void gzipShrinksTheSdpFarBelowTheUrlLimit() throws IOException {
        assertThat(pack(browserJoinRequest(), true).length()).isLessThan(SDP.length() / 10);
    }

    @Test
    void uncompressedJoinRequestIsAcceptedToo() throws IOException {
        JoinParameters join = JoinRequestDecoder.decode(SignalPath.V1,
                Map.of("join_request", pack(browserJoinRequest(), false)));

        assertThat(join.publisherOffer()).isPresent();
    }

    @Test
    void joinRequestWithoutOfferMeansTheClientOffersAfterJoin() throws IOException {
        JoinRequest firefoxStyle = browserJoinRequest().toBuilder().clearPublisherOffer().build();

        assertThat(JoinRequestDecoder.decode(SignalPath.V1, Map.of("join_request", pack(firefoxStyle, true)))
                .publisherOffer()).isEmpty();
    }

    @Test
    void reconnectFlagIsReadInBothDialects() throws IOException {
        JoinRequest resume = browserJoinRequest().toBuilder().setReconnect(true).build();

        assertThat(JoinRequestDecoder.decode(SignalPath.V1, Map.of("join_request", pack(resume, true))).reconnect())
                .isTrue();
        assertThat(JoinRequestDecoder.decode(SignalPath.V0, Map.of("reconnect", "1", "sid", "PA_x")).reconnect())
                .isTrue();
    }

    @Test
    void v0ReadsTheQueryParametersTheClientSends() {
        JoinParameters join = JoinRequestDecoder.decode(SignalPath.V0, Map.of("access_token", "t",
                "auto_subscribe", "1", "sdk", "js", "version", "2.23.0", "protocol", "17", "client_protocol", "2"));

        assertThat(join.path()).isEqualTo(SignalPath.V0);
        assertThat(join.autoSubscribe()).isTrue();
        assertThat(join.publisherOffer()).isEmpty();
        assertThat(join.client()).isEqualTo("js 2.23.0 (protocol 17)");
    }

    @Test
    void v0SubscribesAutomaticallyUnlessTheClientOptsOut() {
        assertThat(JoinRequestDecoder.decode(SignalPath.V0, Map.of()).autoSubscribe()).isTrue();
        assertThat(JoinRequestDecoder.decode(SignalPath.V0, Map.of("auto_subscribe", "0")).autoSubscribe()).isFalse();
    }

    @Test
    void malformedJoinRequestsAreRejectedWithAReason() {
        assertThatThrownBy(() -> JoinRequestDecoder.decode(SignalPath.V1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("join_request");
        assertThatThrownBy(() -> JoinRequestDecoder.decode(SignalPath.V1, Map.of("join_request", "@@@")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base64url");
        String notGzip = Base64.getUrlEncoder().encodeToString(WrappedJoinRequest.newBuilder()
                .setCompression(WrappedJoinRequest.Compression.GZIP)
                .setJoinRequest(ByteString.copyFromUtf8("plain")).build().toByteArray());
        assertThatThrownBy(() -> JoinRequestDecoder.decode(SignalPath.V1, Map.of("join_request", notGzip)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gzip");
    }
}
