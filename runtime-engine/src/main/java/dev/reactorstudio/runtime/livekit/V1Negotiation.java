package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.SessionAudioSource;
import dev.reactorstudio.runtime.media.SessionVideoSource;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import livekit.LivekitRtc.TrickleRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /rtc/v1}: one peer connection, always offered by the client (3 recvonly audio and 3
 * recvonly video sections plus its data channels, usually inside the join request). Each offer
 * is answered; the first answer puts the model's video on the first free video section (and its
 * audio, when the model declares one, on the first free audio section), and the answer's
 * {@code mid_to_track_id} names them. Tracks the client publishes arrive in later offers as
 * sendonly sections ({@link PeerLink#onTrack}). The server never offers in this dialect.
 */
final class V1Negotiation implements Negotiation {
    private static final Logger LOG = LoggerFactory.getLogger(V1Negotiation.class);

    private final PeerLink link;
    private final JoinParameters join;
    private final CompletableFuture<SessionVideoSource> video;
    /** Null when the model declares no audio output. */
    private final CompletableFuture<SessionAudioSource> audio;
    private final ModelParticipant model;
    private final Signals signals;
    private final boolean subscribe;
    private final Duration answerDeadline;
    /** Offers are answered strictly one after another; only touched on the signal thread. */
    private CompletableFuture<Void> offers = CompletableFuture.completedFuture(null);

    V1Negotiation(MediaEngine media, String peerName, JoinParameters join, String sessionId, ModelParticipant model,
                  Signals signals, boolean subscribe) {
        this(media, peerName, join, sessionId, model, signals, subscribe, AnswerDeadline.DEFAULT);
    }

    /** @param answerDeadline each offer is answered within this, or the viewer fails ({@link AnswerDeadline}) */
    V1Negotiation(MediaEngine media, String peerName, JoinParameters join, String sessionId, ModelParticipant model,
                  Signals signals, boolean subscribe, Duration answerDeadline) {
        this.subscribe = subscribe;
        this.answerDeadline = answerDeadline;
        this.link = new PeerLink(media, peerName, SignalTarget.PUBLISHER, signals);
        this.join = join;
        this.video = media.video(sessionId);
        this.audio = model.hasAudio() ? media.audio(sessionId) : null;
        this.model = model;
        this.signals = signals;
    }

    /** The viewer's one connection (tests reach its peer through it). */
    PeerLink peerLink() {
        return link;
    }

    @Override
    public void start() {
        // Without offer-with-join (Firefox) the client offers right after the join response.
        join.publisherOffer().ifPresent(this::onOffer);
    }

    @Override
    public void onOffer(SessionDescription offer) {
        offers = offers.thenCompose(ignored -> AnswerDeadline.bound(answer(offer), answerDeadline))
                .exceptionally(failure -> {
                    signals.onFailed(AnswerDeadline.reason(failure, offer.getId(), link.peer(), answerDeadline));
                    return null;
                });
    }

    private CompletableFuture<Void> answer(SessionDescription offer) {
        if (!subscribe) {
            // The token may not subscribe: the recvonly sections stay unused, the data channels work.
            return link.setRemote(offer)
                    .thenCompose(ignored -> link.createAndSetAnswer())
                    .thenAccept(answer -> signals.send(SignalResponse.newBuilder().setAnswer(SessionDescription
                            .newBuilder().setType("answer").setSdp(answer.sdp).setId(offer.getId())).build()));
        }
        return link.setRemote(offer)
                .thenCompose(ignored -> video)
                .thenCompose(source -> link.attachVideo(source, model.streamId(), offer.getSdp()))
                .thenCompose(ignored -> audio == null ? CompletableFuture.<Void>completedFuture(null)
                        : audio.thenCompose(source -> link.attachAudio(source, model.audioStreamId())))
                .thenCompose(ignored -> link.createAndSetAnswer())
                .thenAccept(answer -> signals.send(SignalResponse.newBuilder().setAnswer(SessionDescription.newBuilder()
                        .setType("answer").setSdp(answer.sdp).setId(offer.getId())
                        .putAllMidToTrackId(link.midToTrack(model))).build()));
    }

    @Override
    public void onAnswer(SessionDescription answer) {
        LOG.debug("Ignoring an answer on /rtc/v1: the server never offers there");
    }

    @Override
    public void onTrickle(TrickleRequest trickle) {
        link.addRemoteCandidate(trickle);
    }

    @Override
    public void sendData(ByteBuffer packet) {
        link.onExecutor(() -> link.sendReliable(packet));
    }

    @Override
    public CompletableFuture<Void> close() {
        return link.close();
    }
}
