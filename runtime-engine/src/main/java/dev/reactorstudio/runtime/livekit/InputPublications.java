package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.InputClaimException;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import livekit.LivekitModels.TrackInfo;
import livekit.LivekitModels.TrackType;
import livekit.LivekitRtc.AddTrackRequest;
import livekit.LivekitRtc.RequestResponse;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.TrackPublishedResponse;

/**
 * The camera and microphone tracks one viewer publishes into the model's declared inputs. A
 * LiveKit client announces each track with {@code add_track} (its {@code name} must be a declared
 * input of the same kind, e.g. {@code webcam} / {@code mic}) and waits for {@code track_published}
 * before it counts the track as published; the media follows on its peer connection, where
 * {@link PeerLink} finds the track's {@code cid} by mid ({@link SdpTracks}) and asks here which
 * input it feeds. A track that is not a declared input, or whose input another client holds
 * (first publisher wins), is refused with the same reason the JS SDK path gives, and its media
 * never reaches the model. Thread-safe: requests arrive on the signal thread, lookups on the
 * peers' executors.
 */
final class InputPublications {
    /** A client publishing more tracks than this on one connection is refused: the model has a handful of inputs. */
    static final int MAX_PUBLICATIONS = 16;

    /** Where a published track's media goes: the declared input {@code name}, held by {@code publisher}. */
    record Feed(String name, String publisher, SessionInputs inputs) {
    }

    /** The answer to {@code add_track}: the response to send, and the refusal text (null when published). */
    record Outcome(SignalResponse response, String name, String refusal) {
        boolean published() {
            return refusal == null;
        }
    }

    private final String publisher;
    private final SessionInputs inputs;
    private final Map<String, String> inputByCid = new ConcurrentHashMap<>();

    /** @param publisher how the session's inputs name this viewer (its client id) */
    InputPublications(String publisher, SessionInputs inputs) {
        this.publisher = publisher;
        this.inputs = inputs;
    }

    Outcome onAddTrack(AddTrackRequest request) {
        String name = request.getName();
        TrackKind kind = switch (request.getType()) {
            case VIDEO -> TrackKind.VIDEO;
            case AUDIO -> TrackKind.AUDIO;
            default -> null;
        };
        if (kind == null) {
            return refuse(request, "only audio and video tracks can feed the model's inputs, not " + request.getType());
        }
        if (request.getCid().isEmpty()) {
            return refuse(request, "the add_track request has no cid, so its media could not be recognised");
        }
        if (!inputByCid.containsKey(request.getCid()) && inputByCid.size() >= MAX_PUBLICATIONS) {
            return refuse(request, "this connection already published " + MAX_PUBLICATIONS + " tracks, the most it may");
        }
        try {
            inputs.checkClaim(name, kind, publisher);
        } catch (InputClaimException e) {
            String hint = name.isEmpty() ? " (publish with the input's name as the track name, e.g. "
                    + "publishTrack(track, {name: \"webcam\"}))" : "";
            return refuse(request, e.getMessage() + hint);
        }
        inputByCid.put(request.getCid(), name);
        TrackInfo.Builder track = TrackInfo.newBuilder()
                .setSid(Sids.track())
                .setName(name)
                .setType(request.getType())
                .setSource(request.getSource())
                .setMuted(request.getMuted());
        if (request.getType() == TrackType.VIDEO) {
            track.setWidth(request.getWidth()).setHeight(request.getHeight());
        }
        return new Outcome(SignalResponse.newBuilder().setTrackPublished(TrackPublishedResponse.newBuilder()
                .setCid(request.getCid()).setTrack(track)).build(), name, null);
    }

    /** The input the client track {@code cid} was published as, if it was accepted. */
    Optional<Feed> feed(String cid) {
        return Optional.ofNullable(inputByCid.get(cid)).map(name -> new Feed(name, publisher, inputs));
    }

    private static Outcome refuse(AddTrackRequest request, String reason) {
        return new Outcome(SignalResponse.newBuilder().setRequestResponse(RequestResponse.newBuilder()
                .setReason(RequestResponse.Reason.NOT_ALLOWED)
                .setMessage(reason)
                .setAddTrack(request)).build(), request.getName(), reason);
    }
}
