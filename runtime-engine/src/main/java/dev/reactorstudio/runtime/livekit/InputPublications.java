package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.manifest.TrackKind;
import dev.reactorstudio.runtime.session.InputClaimException;
import dev.reactorstudio.runtime.session.SessionInputs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * {@link PeerLink} finds the section's track id by mid ({@link SdpTracks}) and asks here which
 * publication it carries ({@link #startFeed}). Unpublishing (the section goes inactive) frees the
 * publication again. A track that is not a declared input, or whose input another client holds
 * (first publisher wins), is refused with the same reason the JS SDK path gives, and its media
 * never reaches the model. Thread-safe (one lock, never held across a call out): requests arrive on
 * the signal thread, lookups on the peers' executors.
 */
final class InputPublications {
    /** A client publishing more tracks than this at once on one connection is refused: the model has a handful of inputs. */
    static final int MAX_PUBLICATIONS = 16;

    /**
     * Where a published track's media goes: the declared input {@code name}, held by {@code publisher};
     * {@code cid} and {@code announcement} name the publication (a re-publish of the same track is a new one).
     */
    record Feed(String name, String publisher, SessionInputs inputs, String cid, long announcement) {
    }

    /** The answer to {@code add_track}: the response to send, and the refusal text (null when published). */
    record Outcome(SignalResponse response, String name, String refusal) {
        boolean published() {
            return refusal == null;
        }
    }

    /** One accepted {@code add_track}; {@code fed} once a section of the client's carries its media. */
    private static final class Publication {
        final String cid;
        final String name;
        final TrackKind kind;
        final long announcement;
        boolean fed;

        Publication(String cid, String name, TrackKind kind, long announcement) {
            this.cid = cid;
            this.name = name;
            this.kind = kind;
            this.announcement = announcement;
        }
    }

    private final String publisher;
    private final SessionInputs inputs;
    /** cid → its latest accepted publication, oldest announcement first. Guarded by {@code this}. */
    private final Map<String, Publication> byCid = new LinkedHashMap<>();
    private long announcements;

    /** @param publisher how the session's inputs name this viewer (its client id) */
    InputPublications(String publisher, SessionInputs inputs) {
        this.publisher = publisher;
        this.inputs = inputs;
    }

    synchronized Outcome onAddTrack(AddTrackRequest request) {
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
        if (!byCid.containsKey(request.getCid()) && byCid.size() >= MAX_PUBLICATIONS) {
            return refuse(request, "this connection already publishes " + MAX_PUBLICATIONS
                    + " tracks, the most it may at once; unpublish one first");
        }
        try {
            inputs.checkClaim(name, kind, publisher);
        } catch (InputClaimException e) {
            String hint = name.isEmpty() ? " (publish with the input's name as the track name, e.g. "
                    + "publishTrack(track, {name: \"webcam\"}))" : "";
            return refuse(request, e.getMessage() + hint);
        }
        byCid.remove(request.getCid()); // a re-publish goes to the back of the queue
        byCid.put(request.getCid(), new Publication(request.getCid(), name, kind, ++announcements));
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

    /**
     * The publication whose media a newly sending section of the client's carries, taken for
     * feeding: the one announced with the section's msid track id as its cid, else the oldest
     * announced and not yet fed publication of the same kind — a browser that sends the same
     * track again (re-publish after unpublish) names the new section with a fresh id, not the
     * track's, and LiveKit's own server falls back the same way.
     */
    synchronized Optional<Feed> startFeed(String sectionTrackId, TrackKind kind) {
        Publication match = byCid.get(sectionTrackId);
        if (match == null || match.fed || match.kind != kind) {
            match = byCid.values().stream().filter(p -> !p.fed && p.kind == kind).findFirst().orElse(null);
        }
        if (match == null) {
            return Optional.empty();
        }
        match.fed = true;
        return Optional.of(feedOf(match));
    }

    /**
     * The client unpublished the publication {@code announcement} of {@code cid}: its slot is free
     * again (a viewer may publish and unpublish all day). A re-publish of the same track announced
     * since then stays.
     */
    synchronized void unpublish(String cid, long announcement) {
        Publication current = byCid.get(cid);
        if (current != null && current.announcement == announcement) {
            byCid.remove(cid);
        }
    }

    /** Tracks published and not unpublished. */
    synchronized int count() {
        return byCid.size();
    }

    /** The input the client track {@code cid} was published as, if it was accepted (a lookup; nothing is taken). */
    synchronized Optional<Feed> feed(String cid) {
        return Optional.ofNullable(byCid.get(cid)).map(this::feedOf);
    }

    private Feed feedOf(Publication publication) {
        return new Feed(publication.name, publisher, inputs, publication.cid, publication.announcement);
    }

    private static Outcome refuse(AddTrackRequest request, String reason) {
        return new Outcome(SignalResponse.newBuilder().setRequestResponse(RequestResponse.newBuilder()
                .setReason(RequestResponse.Reason.NOT_ALLOWED)
                .setMessage(reason)
                .setAddTrack(request)).build(), request.getName(), reason);
    }
}
