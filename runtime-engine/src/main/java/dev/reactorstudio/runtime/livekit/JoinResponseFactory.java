package dev.reactorstudio.runtime.livekit;

import java.util.Arrays;
import java.util.List;
import livekit.LivekitModels.ClientConfigSetting;
import livekit.LivekitModels.ClientConfiguration;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.ParticipantPermission;
import livekit.LivekitModels.Room;
import livekit.LivekitModels.ServerInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitRtc.JoinResponse;

/**
 * The first message of every signal connection. Choices that keep the server small:
 * <ul>
 *   <li>viewers see only the model, never each other (no viewer-to-viewer updates to send);</li>
 *   <li>the viewer's own permissions are its token's, so the client does not try what the server refuses;</li>
 *   <li>{@code resume_connection = DISABLED}: a client that lost its connection re-joins from
 *       scratch, so there is no resume state to keep;</li>
 *   <li>v0 is subscriber-primary: the server offers the video, the client's publisher
 *       connection waits until it first sends data.</li>
 * </ul>
 */
final class JoinResponseFactory {
    /** The client refuses a server without a version, and enables RPC only from 1.8.0. */
    static final String SERVER_VERSION = "1.9.0";
    static final int PROTOCOL = 16;
    static final int PING_INTERVAL_SECONDS = 5;
    static final int PING_TIMEOUT_SECONDS = 15;

    private JoinResponseFactory() {
    }

    /** The token's {@code canPublishSources} as the client reads them (unknown names are left out). */
    private static List<TrackSource> sources(AccessGrant grant) {
        return grant.publishSources().stream()
                .flatMap(name -> Arrays.stream(TrackSource.values()).filter(s -> s.name().equalsIgnoreCase(name)))
                .toList();
    }

    static JoinResponse create(RoomState room, ViewerIdentity viewer, ParticipantInfo model, SignalPath path) {
        ParticipantInfo self = ParticipantInfo.newBuilder()
                .setSid(viewer.sid())
                .setIdentity(viewer.grant().identity())
                .setName(viewer.grant().name())
                .setMetadata(viewer.grant().metadata())
                .setState(ParticipantInfo.State.JOINED)
                .setJoinedAt(System.currentTimeMillis() / 1000)
                .setPermission(ParticipantPermission.newBuilder()
                        .setCanSubscribe(viewer.grant().canSubscribe())
                        // The token's grant, and only when the model takes inputs: the server accepts just those
                        // (GrantEnforcer, then InputPublications for each track).
                        .setCanPublish(viewer.grant().canPublish() && !room.model().tracks().inputs().isEmpty())
                        .setCanPublishData(viewer.grant().canPublishData())
                        .addAllCanPublishSources(sources(viewer.grant())))
                .setVersion(1)
                .build();
        return JoinResponse.newBuilder()
                .setRoom(Room.newBuilder()
                        .setSid(room.sid())
                        .setName(room.name())
                        .setCreationTime(room.createdAtSeconds())
                        .setMetadata(ModelParticipant.capabilities(room.model().tracks()))
                        .setNumParticipants(room.viewerCount() + 1)
                        .setNumPublishers(1))
                .setParticipant(self)
                .addOtherParticipants(model)
                .setServerVersion(SERVER_VERSION)
                .setServerInfo(ServerInfo.newBuilder()
                        .setEdition(ServerInfo.Edition.Standard)
                        .setVersion(SERVER_VERSION)
                        .setProtocol(PROTOCOL)
                        .setNodeId("reactor-runtime"))
                .setSubscriberPrimary(path == SignalPath.V0)
                .setClientConfiguration(ClientConfiguration.newBuilder()
                        .setResumeConnection(ClientConfigSetting.DISABLED))
                .setPingInterval(PING_INTERVAL_SECONDS)
                .setPingTimeout(PING_TIMEOUT_SECONDS)
                .build();
    }
}
