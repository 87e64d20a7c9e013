package dev.reactorstudio.runtime.livekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.reactorstudio.runtime.session.EndReason;
import dev.reactorstudio.runtime.session.Session;
import dev.reactorstudio.runtime.session.SessionManager;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import livekit.LivekitModels.DataPacket;
import livekit.LivekitModels.DisconnectReason;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.TrackType;
import livekit.LivekitModels.UserPacket;
import livekit.LivekitRtc.JoinRequest;
import livekit.LivekitRtc.JoinResponse;
import livekit.LivekitRtc.LeaveRequest;
import livekit.LivekitRtc.Ping;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalRequest;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.WrappedJoinRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signaling over a real WebSocket on loopback, with the WebRTC side replaced by {@link FakeNegotiation}. */
class LiveKitServerTest {
    private final ObjectMapper json = new ObjectMapper();
    private final LiveKitTokens tokens = new LiveKitTokens(LiveKitCredentials.DEV);
    private final FakeNegotiation.Recorder negotiations = new FakeNegotiation.Recorder();
    private final AtomicReference<SessionManager> loaded = new AtomicReference<>();
    /** A dev server on this machine: allowed by default. */
    private static final String PAGE = "http://localhost:5173";
    private SessionManager manager;
    private LiveKitServer server;

    @BeforeEach
    void start() {
        manager = PaletteModel.manager(64, 48, Duration.ofMinutes(5));
        loaded.set(manager);
        server = new LiveKitServer(tokens, () -> Optional.ofNullable(loaded.get()), negotiations, m -> { })
                .start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        manager.close();
    }

    private String token(String identity) {
        return tokens.mint(identity, "local", Duration.ofMinutes(5));
    }

    private URI v0(String token) {
        return URI.create(server.url() + "/rtc?access_token=" + token
                + "&auto_subscribe=1&sdk=js&version=2.23.0&protocol=17&client_protocol=2");
    }

    private URI v1(String token, JoinRequest request, boolean gzip) throws Exception {
        byte[] payload = request.toByteArray();
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(payload);
            }
            payload = out.toByteArray();
        }
        String packed = Base64.getUrlEncoder().encodeToString(WrappedJoinRequest.newBuilder()
                .setCompression(gzip ? WrappedJoinRequest.Compression.GZIP : WrappedJoinRequest.Compression.NONE)
                .setJoinRequest(ByteString.copyFrom(payload)).build().toByteArray());
        return URI.create(server.url() + "/rtc/v1?access_token=" + token + "&join_request=" + packed);
    }

    private static JoinRequest joinWithOffer(String sdp) {
        return JoinRequest.newBuilder()
                .setPublisherOffer(SessionDescription.newBuilder().setType("offer").setSdp(sdp).setId(1)).build();
    }

    /**
     * A peer stuck in a native call never finishes closing. The viewer that left must not keep its
     * signaling thread (one leaked per stuck viewer) past the deadline; the server's close does not
     * wait for it either.
     */
    @Test
    void aViewerWhosePeersNeverFinishClosingLetsGoOfItsSignalingAtTheDeadline() throws Exception {
        server.close();
        negotiations.closeHangs = true;
        server = new LiveKitServer(tokens, () -> Optional.ofNullable(loaded.get()), negotiations, m -> { })
                .peerCloseDeadline(Duration.ofMillis(500)).start("127.0.0.1", 0);
        FakeNegotiation negotiation;
        String signalThread;
        try (SignalTestClient client = SignalTestClient.connect(v0(token("stuck")))) {
            assertThat(client.next().getMessageCase()).isEqualTo(SignalResponse.MessageCase.JOIN);
            negotiation = negotiations.next();
            signalThread = "livekit-signal-" + negotiation.viewer.clientId().substring("livekit:".length());
            assertThat(threadAlive(signalThread)).as("the viewer's signaling thread runs while it is connected").isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> negotiation.closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> !threadAlive(signalThread));
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void v0JoinStartsTheModelSessionAndAnnouncesTheModelPublishingMainVideo() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            SignalResponse first = client.next();

            assertThat(first.getMessageCase()).isEqualTo(SignalResponse.MessageCase.JOIN);
            JoinResponse join = first.getJoin();
            assertThat(join.getParticipant().getIdentity()).isEqualTo("viewer-1");
            assertThat(join.getParticipant().getSid()).startsWith("PA_");
            assertThat(join.getParticipant().getPermission().getCanPublish()).isFalse();
            assertThat(join.getRoom().getName()).isEqualTo("local");
            assertThat(join.getServerInfo().getVersion()).isNotEmpty();
            assertThat(join.getSubscriberPrimary()).as("v0: the server offers the video").isTrue();
            assertThat(join.getPingInterval()).isPositive();
            assertThat(join.getPingTimeout()).isGreaterThan(join.getPingInterval());
            ParticipantInfo model = join.getOtherParticipants(0);
            assertThat(model.getIdentity()).isEqualTo("reactor-model");
            assertThat(model.getTracks(0).getName()).isEqualTo("main_video");
            assertThat(model.getTracks(0).getType()).isEqualTo(TrackType.VIDEO);
            assertThat(model.getTracks(0).getSid()).startsWith("TR_");
            assertThat(model.getTracks(0).getWidth()).isEqualTo(64);
            assertThat(model.getTracks(0).getHeight()).isEqualTo(48);

            Session session = manager.current().orElseThrow();
            assertThat(session.clients()).hasSize(1);
            FakeNegotiation negotiation = negotiations.next();
            assertThat(negotiation.path).isEqualTo(SignalPath.V0);
            assertThat(negotiation.sessionId).isEqualTo(session.id());
            await().until(() -> negotiation.started);
        }
    }

    @Test
    void v1JoinHandsTheOfferFromTheJoinRequestToTheNegotiation() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v1(token("viewer-1"), joinWithOffer("v=0 offer"), true))) {
            assertThat(client.next().getJoin().getSubscriberPrimary()).isFalse();

            FakeNegotiation negotiation = negotiations.next();
            assertThat(negotiation.path).isEqualTo(SignalPath.V1);
            await().until(() -> !negotiation.offers.isEmpty());
            assertThat(negotiation.offers.get(0).getSdp()).isEqualTo("v=0 offer");
        }
    }

    @Test
    void joinRequestOfTensOfKilobytesInTheUrlIsAccepted() throws Exception {
        String bigSdp = "a=candidate:x\r\n".repeat(3000);

        try (SignalTestClient client = SignalTestClient.connect(v1(token("viewer-1"), joinWithOffer(bigSdp), false))) {
            assertThat(client.next().getMessageCase()).isEqualTo(SignalResponse.MessageCase.JOIN);
        }
    }

    @Test
    void secondViewerJoinsTheRunningSession() throws Exception {
        try (SignalTestClient first = SignalTestClient.connect(v0(token("viewer-1")));
             SignalTestClient second = SignalTestClient.connect(v0(token("viewer-2")))) {
            first.next(SignalResponse.MessageCase.JOIN);
            second.next(SignalResponse.MessageCase.JOIN);

            assertThat(negotiations.next().sessionId).isEqualTo(negotiations.next().sessionId);
            assertThat(manager.current().orElseThrow().clients()).hasSize(2);
        }
    }

    @Test
    void pingsAreAnsweredWithTheirTimestamp() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);

            client.send(SignalRequest.newBuilder().setPingReq(Ping.newBuilder().setTimestamp(12345)).build());
            assertThat(client.next(SignalResponse.MessageCase.PONG_RESP).getPongResp().getLastPingTimestamp())
                    .isEqualTo(12345);

            client.send(SignalRequest.newBuilder().setPing(777).build());
            assertThat(client.next(SignalResponse.MessageCase.PONG).getPong()).isPositive();
        }
    }

    @Test
    void leaveDetachesTheViewerAndClosesItsPeers() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();
            Session session = manager.current().orElseThrow();

            client.send(SignalRequest.newBuilder().setLeave(LeaveRequest.newBuilder()
                    .setReason(DisconnectReason.CLIENT_INITIATED)).build());

            await().until(() -> negotiation.closed && session.clients().isEmpty() && server.viewerCount() == 0);
        }
    }

    @Test
    void droppedSocketDetachesTheViewerSoTheOrphanTimeoutCanStopTheSession() throws Exception {
        SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")));
        client.next(SignalResponse.MessageCase.JOIN);
        Session session = manager.current().orElseThrow();

        client.close();

        await().until(() -> session.clients().isEmpty());
    }

    @Test
    void commandFromAViewerReachesTheModelAndItsSendComesBackOnTopicApplication() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            negotiation.signals.onData(userPacket("application", "{\"type\":\"set_palette\",\"data\":{\"palette\":\"cool\"}}"));

            DataPacket reply = DataPacket.parseFrom(negotiation.nextData());
            assertThat(reply.getParticipantIdentity()).isEqualTo("reactor-model");
            assertThat(reply.getUser().getTopic()).isEqualTo("application");
            JsonNode message = json.readTree(reply.getUser().getPayload().toByteArray());
            assertThat(message.path("type").asText()).isEqualTo("state");
            assertThat(message.path("palette").asText()).isEqualTo("cool");
        }
    }

    @Test
    void invalidCommandIsAnsweredWithItsProblemsAndNeverReachesTheModel() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            negotiation.signals.onData(userPacket("application", "{\"type\":\"set_palette\",\"data\":{\"palette\":\"plaid\"}}"));

            DataPacket reply = DataPacket.parseFrom(negotiation.nextData());
            assertThat(reply.getUser().getTopic()).isEqualTo("runtime");
            JsonNode error = json.readTree(reply.getUser().getPayload().toByteArray());
            assertThat(error.path("type").asText()).isEqualTo("commandError");
            assertThat(error.path("data").path("command").asText()).isEqualTo("set_palette");
            assertThat(error.path("data").path("problems").get(0).asText()).contains("plaid");
        }
    }

    @Test
    void packetsOnOtherTopicsAreNotCommands() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            negotiation.signals.onData(userPacket("chat", "not a command"));
            negotiation.signals.onData(userPacket("application", "{\"type\":\"set_palette\",\"data\":{\"palette\":\"mono\"}}"));

            JsonNode first = json.readTree(DataPacket.parseFrom(negotiation.nextData()).getUser().getPayload().toByteArray());
            assertThat(first.path("palette").asText()).as("the chat packet got no error reply").isEqualTo("mono");
        }
    }

    @Test
    void stoppingTheSessionMakesItsViewersLeave() throws Exception {
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);

            manager.stop(EndReason.STOPPED);

            LeaveRequest leave = client.next(SignalResponse.MessageCase.LEAVE).getLeave();
            assertThat(leave.getAction()).isEqualTo(LeaveRequest.Action.DISCONNECT);
            assertThat(leave.getReason()).isEqualTo(DisconnectReason.ROOM_DELETED);
            assertThat(client.closed().get()).isEqualTo(1000);
        }
    }

    @Test
    void sameIdentityJoiningAgainReplacesTheOlderConnection() throws Exception {
        try (SignalTestClient older = SignalTestClient.connect(v0(token("viewer-1")))) {
            older.next(SignalResponse.MessageCase.JOIN);
            try (SignalTestClient newer = SignalTestClient.connect(v0(token("viewer-1")))) {
                newer.next(SignalResponse.MessageCase.JOIN);

                assertThat(older.next(SignalResponse.MessageCase.LEAVE).getLeave().getReason())
                        .isEqualTo(DisconnectReason.DUPLICATE_IDENTITY);
                await().until(() -> manager.current().orElseThrow().clients().size() == 1);
                assertThat(server.viewerCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void badTokenIsRefusedBeforeTheUpgradeAndNothingIsJoined() {
        String forged = new LiveKitTokens(new LiveKitCredentials("devkey", "wrong")).mint("v", "local", Duration.ofMinutes(5));

        assertThatThrownBy(() -> SignalTestClient.connect(v0(forged)))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        assertThat(manager.current()).isEmpty();
        assertThat(negotiations.made).isEmpty();
    }

    @Test
    void validateSaysSuccessForAGoodTokenWithCorsForTheAllowedPage() throws Exception {
        for (SignalPath path : SignalPath.values()) {
            String query = path == SignalPath.V1 ? "&join_request=" + v1Query() : "";
            HttpResponse<String> response = get(path.validatePath() + "?access_token=" + token("v") + query);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("success");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        }
        assertThat(manager.current()).as("validate joins nothing").isEmpty();
    }

    @Test
    void validateExplainsARejectedTokenWith401AndCorsForTheAllowedPage() throws Exception {
        String expired = new LiveKitTokens(LiveKitCredentials.DEV, java.time.Clock.fixed(
                java.time.Instant.now().minus(Duration.ofHours(3)), java.time.ZoneOffset.UTC))
                .mint("v", "local", Duration.ofHours(1));

        for (SignalPath path : SignalPath.values()) {
            HttpResponse<String> response = get(path.validatePath() + "?access_token=" + expired);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("expired");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        }
    }

    @Test
    void aPageNotOnTheAllowListGetsNoSocketEvenWithAValidToken() throws Exception {
        java.util.concurrent.CompletionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                java.util.concurrent.CompletionException.class, () -> HttpClient.newHttpClient().newWebSocketBuilder()
                        .header("Origin", "http://evil.example.com").buildAsync(v0(token("intruder")),
                                new java.net.http.WebSocket.Listener() { }).join());
        assertThat(((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(403);
        HttpResponse<String> validate = get(SignalPath.V0.validatePath() + "?access_token=" + token("v"), "http://evil.example.com");
        assertThat(validate.statusCode()).isEqualTo(403);
        assertThat(validate.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(manager.current()).as("no session started for the foreign page").isEmpty();
        assertThat(negotiations.made).isEmpty();
    }

    /** Replaces the server with one under {@code limits}. */
    private void restartWith(dev.reactorstudio.runtime.guard.Limits limits) {
        server.close();
        server = new LiveKitServer(tokens, () -> Optional.ofNullable(loaded.get()), negotiations, m -> { },
                dev.reactorstudio.runtime.guard.SecurityOptions.defaults().withLimits(limits)).start("127.0.0.1", 0);
    }

    @Test
    void oneViewerMoreThanTheSessionAllowsIsRefusedWith429() throws Exception {
        restartWith(dev.reactorstudio.runtime.guard.Limits.defaults().withViewersPerSession(1));
        try (SignalTestClient first = SignalTestClient.connect(v0(token("viewer-1")))) {
            first.next(SignalResponse.MessageCase.JOIN);
            java.util.concurrent.CompletionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    java.util.concurrent.CompletionException.class, () -> SignalTestClient.connect(v0(token("viewer-2"))));
            assertThat(((java.net.http.WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
                    .isEqualTo(429);
            HttpResponse<String> validate = get(SignalPath.V0.validatePath() + "?access_token=" + token("viewer-2"));
            assertThat(validate.statusCode()).isEqualTo(429);
            assertThat(validate.body()).contains("--max-viewers");
        }
    }

    @Test
    void anOversizePacketIsDroppedUndecodedAndCountedWhileTheNextCommandStillRuns() throws Exception {
        restartWith(dev.reactorstudio.runtime.guard.Limits.defaults().withDataMessageBytes(1024));
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            negotiation.signals.onData(userPacket("application", "{\"type\":\"set_palette\",\"data\":{\"palette\":\"plaid\","
                    + "\"pad\":\"" + "x".repeat(2000) + "\"}}"));
            negotiation.signals.onData(userPacket("application", "{\"type\":\"set_palette\",\"data\":{\"palette\":\"cool\"}}"));

            DataPacket reply = DataPacket.parseFrom(negotiation.nextData());
            assertThat(reply.getUser().getTopic()).as("no commandError for the dropped packet: it was never decoded")
                    .isEqualTo("application");
            assertThat(json.readTree(reply.getUser().getPayload().toByteArray()).path("palette").asText()).isEqualTo("cool");
            assertThat(server.oversizeMessagesDropped()).isEqualTo(1);
        }
    }

    @Test
    void healthShowsWhatTheDataChannelLimitsDroppedSoAnOperatorCanSeeIt() throws Exception {
        restartWith(dev.reactorstudio.runtime.guard.Limits.defaults().withDataMessageBytes(1024));
        JsonNode before = json.readTree(get("/health").body());
        assertThat(before.path("status").asText()).isEqualTo("healthy");
        assertThat(before.path("oversize_messages_dropped").asLong()).isZero();
        assertThat(before.path("malformed_packets_dropped").asLong()).isZero();
        assertThat(before.path("refusal_replies_suppressed").asLong()).isZero();
        try (SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")))) {
            client.next(SignalResponse.MessageCase.JOIN);
            FakeNegotiation negotiation = negotiations.next();

            negotiation.signals.onData(userPacket("application", "{\"pad\":\"" + "x".repeat(2000) + "\"}"));
            negotiation.signals.onData(ByteBuffer.wrap(new byte[] {(byte) 0xff, 0x01, 0x02}));
            // Far more refused commands than a viewer gets replies for in a second (ReplyBudget).
            int flood = 3 * dev.reactorstudio.runtime.guard.ReplyBudget.REFUSALS_PER_SECOND;
            for (int i = 0; i < flood; i++) {
                negotiation.signals.onData(userPacket("application", "{\"type\":\"set_palette\",\"data\":{\"palette\":\"plaid\"}}"));
            }

            await().until(() -> json.readTree(get("/health").body()).path("refusal_replies_suppressed").asLong() > 0);
            JsonNode after = json.readTree(get("/health").body());
            assertThat(after.path("viewers").asInt()).isEqualTo(1);
            assertThat(after.path("oversize_messages_dropped").asLong()).isEqualTo(1);
            assertThat(after.path("malformed_packets_dropped").asLong()).isEqualTo(1);
            assertThat(after.path("refusal_replies_suppressed").asLong()).isBetween(1L, (long) flood);
            assertThat(after.path("data_packets_refused").asLong()).isZero();
            assertThat(after.path("publications_refused").asLong()).isZero();
            assertThat(server.counters()).containsEntry("oversize_messages_dropped", 1L)
                    .containsEntry("malformed_packets_dropped", 1L);
        }
        assertThat(get("/health", "http://evil.example.com").statusCode())
                .as("the counters are behind the same origin check as every route").isEqualTo(403);
    }

    @Test
    void beforeTheModelIsLoadedJoinsAreRefusedWith503() throws Exception {
        loaded.set(null);

        assertThat(get("/rtc/validate?access_token=" + token("v")).statusCode()).isEqualTo(503);
    }

    @Test
    void closingTheServerTellsViewersItShutsDown() throws Exception {
        SignalTestClient client = SignalTestClient.connect(v0(token("viewer-1")));
        client.next(SignalResponse.MessageCase.JOIN);

        server.close();

        assertThat(client.next(SignalResponse.MessageCase.LEAVE).getLeave().getReason())
                .isEqualTo(DisconnectReason.SERVER_SHUTDOWN);
        assertThat(server.viewerCount()).isZero();
    }

    private String v1Query() throws Exception {
        String uri = v1("t", joinWithOffer("v=0"), true).toString();
        return uri.substring(uri.indexOf("join_request=") + "join_request=".length());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return get(pathAndQuery, PAGE);
    }

    private HttpResponse<String> get(String pathAndQuery, String origin) throws Exception {
        String http = server.url().replace("ws://", "http://");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http + pathAndQuery))
                        .header("Origin", origin).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ByteBuffer userPacket(String topic, String text) {
        return ByteBuffer.wrap(DataPacket.newBuilder().setKind(DataPacket.Kind.RELIABLE)
                .setUser(UserPacket.newBuilder().setTopic(topic).setPayload(ByteString.copyFrom(text, StandardCharsets.UTF_8)))
                .build().toByteArray());
    }
}
