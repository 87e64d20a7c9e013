package dev.reactorstudio.runtime.livekit;

import java.util.concurrent.atomic.AtomicInteger;
import livekit.LivekitModels.ParticipantInfo;
import livekit.LivekitModels.ParticipantPermission;
import livekit.LivekitModels.SimulcastCodecInfo;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackSource;
import livekit.LivekitModels.TrackType;
import livekit.LivekitModels.VideoLayer;
import livekit.LivekitModels.VideoQuality;

/**
 * The model as a room participant: identity {@code reactor-model}, publishing one camera track
 * named {@code main_video}. Its sids stay fixed for the server's lifetime, so a viewer that
 * reconnects sees the same participant and track.
 */
final class ModelParticipant {
    static final String IDENTITY = "reactor-model";
    static final String TRACK_NAME = "main_video";

    private final String sid = Sids.participant();
    private final String trackSid = Sids.track();
    /** The client drops a participant update whose version is not higher than the one it holds. */
    private final AtomicInteger version = new AtomicInteger();

    String sid() {
        return sid;
    }

    String trackSid() {
        return trackSid;
    }

    /**
     * The msid stream id of the video on every viewer's peer connection. The client splits it at
     * '|' to find the publishing participant and the track; a track whose stream names an
     * unknown participant is dropped.
     */
    String streamId() {
        return sid + "|" + trackSid;
    }

    /** The participant as announced now; each call is a newer version. */
    ParticipantInfo info(int width, int height) {
        VideoLayer layer = VideoLayer.newBuilder().setQuality(VideoQuality.HIGH).setWidth(width).setHeight(height).build();
        TrackInfo track = TrackInfo.newBuilder()
                .setSid(trackSid)
                .setType(TrackType.VIDEO)
                .setName(TRACK_NAME)
                .setSource(TrackSource.CAMERA)
                .setWidth(width)
                .setHeight(height)
                .setMimeType("video/VP8")
                .setStream("camera")
                .addLayers(layer)
                .addCodecs(SimulcastCodecInfo.newBuilder().setMimeType("video/VP8").addLayers(layer))
                .build();
        return ParticipantInfo.newBuilder()
                .setSid(sid)
                .setIdentity(IDENTITY)
                .setName(IDENTITY)
                .setState(ParticipantInfo.State.ACTIVE)
                .setPermission(ParticipantPermission.newBuilder().setCanPublish(true).setCanPublishData(true)
                        .setCanSubscribe(false))
                .setIsPublisher(true)
                .setVersion(version.incrementAndGet())
                .setJoinedAt(0)
                .addTracks(track)
                .build();
    }
}
