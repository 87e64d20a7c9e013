package dev.reactorstudio.runtime.livekit;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.RequestResponse;

/**
 * Enforces a participant's token on what it sends, the way LiveKit's server does: a data packet
 * from a participant without {@code canPublishData} is dropped before it is decoded (the model
 * never sees it); an {@code add_track} without {@code canPublish}, or from a source outside
 * {@code canPublishSources}, is answered with a {@code RequestResponse} of reason
 * {@code NOT_ALLOWED} and never published. Counts every refusal. What a granted track may feed
 * (a free declared input of its kind) is {@link InputPublications}' to decide;
 * {@code canSubscribe} is enforced where the model's tracks would be attached (the negotiations).
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

    /** Why {@code grant} may not publish {@code request}, as the response the client gets; empty when it may. */
    Optional<RequestResponse> publishRefusal(AccessGrant grant, AddTrackRequest request) {
        Optional<RequestResponse> refusal = check(grant, request);
        refusal.ifPresent(r -> publishRefused.increment());
        return refusal;
    }

    private static Optional<RequestResponse> check(AccessGrant grant, AddTrackRequest request) {
        if (!grant.canPublish()) {
            return refuse(request, "permissions denied: the token's video.canPublish is false");
        }
        String source = request.getSource().name().toLowerCase(Locale.ROOT);
        if (!grant.publishSources().isEmpty() && !grant.publishSources().contains(source)) {
            return refuse(request, "permissions denied: source " + source + " is not in the token's "
                    + "video.canPublishSources " + grant.publishSources());
        }
        return Optional.empty();
    }

    private static Optional<RequestResponse> refuse(AddTrackRequest request, String message) {
        return Optional.of(RequestResponse.newBuilder().setReason(RequestResponse.Reason.NOT_ALLOWED)
                .setMessage(message).setAddTrack(request).build());
    }

    /** Data packets dropped because the sender's token has {@code canPublishData: false}. */
    long dataRefused() {
        return dataRefused.sum();
    }

    /** {@code add_track} requests refused by the token ({@code canPublish}, {@code canPublishSources}). */
    long publishRefused() {
        return publishRefused.sum();
    }
}
