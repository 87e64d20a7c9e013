package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.manifest.DeclaredTracks;
import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.manifest.TrackSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.RequestResponse;

/**
 * Enforces a participant's token on what it sends, the way LiveKit's server does: a data packet
 * from a participant without {@code canPublishData} is dropped before it is decoded (the model
 * never sees it); an {@code add_track} without {@code canPublish} (or from a source outside
 * {@code canPublishSources}) is answered with a {@code RequestResponse} of reason
 * {@code NOT_ALLOWED} and never published. Beyond LiveKit, only the model's declared inputs may be
 * published: a track under another name, or of the wrong kind, is refused too. Counts every refusal.
 * ({@code canSubscribe} is enforced where the model's video would be attached: see the negotiations.)
 */
final class GrantEnforcer {
    private final LongAdder dataRefused = new LongAdder();
    private final LongAdder publishRefused = new LongAdder();

    /** True when {@code grant} may send data; counts the packet as refused otherwise. */
    boolean admitsData(AccessGrant grant) {
        if (grant.canPublishData()) {
            return true;
        }
        dataRefused.increment();
        return false;
    }

    /**
     * Why {@code request} may not be published, as the response the client gets; empty when the
     * grant and the model's declared inputs allow it.
     */
    Optional<RequestResponse> publishRefusal(AccessGrant grant, AddTrackRequest request, DeclaredTracks tracks) {
        Optional<RequestResponse> refusal = check(grant, request, tracks);
        refusal.ifPresent(r -> publishRefused.increment());
        return refusal;
    }

    private static Optional<RequestResponse> check(AccessGrant grant, AddTrackRequest request, DeclaredTracks tracks) {
        if (!grant.canPublish()) {
            return refuse(request, RequestResponse.Reason.NOT_ALLOWED,
                    "permissions denied: the token's video.canPublish is false");
        }
        String source = request.getSource().name().toLowerCase(Locale.ROOT);
        if (!grant.publishSources().isEmpty() && !grant.publishSources().contains(source)) {
            return refuse(request, RequestResponse.Reason.NOT_ALLOWED, "permissions denied: source " + source
                    + " is not in the token's video.canPublishSources " + grant.publishSources());
        }
        Optional<TrackSpec> input = tracks.input(request.getName());
        if (input.isEmpty()) {
            return refuse(request, RequestResponse.Reason.NOT_ALLOWED, "the model takes no input track named \""
                    + request.getName() + "\"; publish one of " + describe(tracks) + " (publishTrack(track, {name}))");
        }
        if (kindOf(request.getType()).filter(input.get().kind()::equals).isEmpty()) {
            return refuse(request, RequestResponse.Reason.UNSUPPORTED_TYPE, "input \"" + input.get().name()
                    + "\" is " + input.get().kind().wireName() + ", the track is " + request.getType());
        }
        return Optional.empty();
    }

    private static Optional<TrackKind> kindOf(TrackType type) {
        return switch (type) {
            case VIDEO -> Optional.of(TrackKind.VIDEO);
            case AUDIO -> Optional.of(TrackKind.AUDIO);
            default -> Optional.empty();
        };
    }

    private static String describe(DeclaredTracks tracks) {
        if (tracks.inputs().isEmpty()) {
            return "none (the manifest declares no inputs)";
        }
        return tracks.inputs().stream().map(t -> t.name() + " (" + t.kind().wireName() + ")")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static Optional<RequestResponse> refuse(AddTrackRequest request, RequestResponse.Reason reason,
                                                    String message) {
        return Optional.of(RequestResponse.newBuilder().setReason(reason).setMessage(message).setAddTrack(request)
                .build());
    }

    /** Data packets dropped because the sender's token has {@code canPublishData: false}. */
    long dataRefused() {
        return dataRefused.sum();
    }

    /** {@code add_track} requests refused (grant, source, or not a declared input). */
    long publishRefused() {
        return publishRefused.sum();
    }
}
