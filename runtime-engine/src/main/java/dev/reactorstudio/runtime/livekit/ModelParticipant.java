package dev.reactorstudio.runtime.livekit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackCapabilities;
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
 * The model as a room participant: identity {@code reactor-model}, publishing its declared
 * outputs — a camera track named after the video output ({@code main_video}) and, when the
 * manifest declares one, a microphone track named after the audio output ({@code main_audio}).
 * Its metadata carries the model's capabilities ({@code {"tracks": [{name, kind, direction}]}},
 * the list the JS SDK path returns), so a client learns which inputs it may publish. The sids
 * stay fixed for the server's lifetime, so a viewer that reconnects sees the same participant
 * and tracks.
 */
final class ModelParticipant {
    static final String IDENTITY = "reactor-model";
    static final String TRACK_NAME = "main_video";

    private final String sid = Sids.participant();
    private final String trackSid = Sids.track();
    private final String audioTrackSid = Sids.track();
    /** What the loaded model declares; the seed default until the room learns the model. */
    private volatile DeclaredTracks tracks = DeclaredTracks.DEFAULT;
    /** The client drops a participant update whose version is not higher than the one it holds. */
    private final AtomicInteger version = new AtomicInteger();

    String sid() {
        return sid;
    }

    String trackSid() {
        return trackSid;
    }

    String audioTrackSid() {
        return audioTrackSid;
    }

    /** The model's declared tracks (set once the model is loaded). */
    void declare(DeclaredTracks declared) {
        this.tracks = declared;
    }

    DeclaredTracks tracks() {
        return tracks;
    }

    /** True when the model declares an audio output, which every viewer is sent. */
    boolean hasAudio() {
        return tracks.audioOutput().isPresent();
    }

    /**
     * The msid stream id of the model's video on every viewer's peer connection:
     * {@code <participant sid>|camera}. The client splits it at '|' to find the publishing
     * participant (a track whose stream names an unknown participant is dropped); the part after
     * it is not a track sid, so the client finds each track's sid by its mid in
     * {@code mid_to_track_id}, which every offer and answer carries.
     */
    String streamId() {
        return sid + "|camera";
    }

    /**
     * The model's audio: {@code <participant sid>|microphone}, a stream apart from the video's so
     * the browser plays it as it arrives instead of lip-syncing it (the runtime sends a frame's
     * sound with the frame; Chromium's lip sync delayed the video by hundreds of ms, see
     * ViewerPeer).
     */
    String audioStreamId() {
        return sid + "|microphone";
    }

    /** The participant as announced now; each call is a newer version. */
    ParticipantInfo info(int width, int height) {
        DeclaredTracks declared = tracks;
        String videoName = declared.videoOutput().map(t -> t.name()).orElse(TRACK_NAME);
        VideoLayer layer = VideoLayer.newBuilder().setQuality(VideoQuality.HIGH).setWidth(width).setHeight(height).build();
        TrackInfo video = TrackInfo.newBuilder()
                .setSid(trackSid)
                .setType(TrackType.VIDEO)
                .setName(videoName)
                .setSource(TrackSource.CAMERA)
                .setWidth(width)
                .setHeight(height)
                .setMimeType("video/VP8")
                .setStream("camera")
                .addLayers(layer)
                .addCodecs(SimulcastCodecInfo.newBuilder().setMimeType("video/VP8").addLayers(layer))
                .build();
        ParticipantInfo.Builder info = ParticipantInfo.newBuilder()
                .setSid(sid)
                .setIdentity(IDENTITY)
                .setName(IDENTITY)
                .setMetadata(capabilities(declared))
                .setState(ParticipantInfo.State.ACTIVE)
                .setPermission(ParticipantPermission.newBuilder().setCanPublish(true).setCanPublishData(true)
                        .setCanSubscribe(false))
                .setIsPublisher(true)
                .setVersion(version.incrementAndGet())
                .setJoinedAt(0)
                .addTracks(video);
        declared.audioOutput().ifPresent(audio -> info.addTracks(TrackInfo.newBuilder()
                .setSid(audioTrackSid)
                .setType(TrackType.AUDIO)
                .setName(audio.name())
                .setSource(TrackSource.MICROPHONE)
                .setMimeType("audio/opus")
                .setStream("camera")
                .addCodecs(SimulcastCodecInfo.newBuilder().setMimeType("audio/opus"))
                .build()));
        return info.build();
    }

    /** {@code {"tracks": [...]}}: the model's outputs ({@code recvonly}) and inputs ({@code sendonly}). */
    static String capabilities(DeclaredTracks declared) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.set("tracks", TrackCapabilities.json(declared));
        return metadata.toString();
    }
}
