package dev.reactorstudio.runtime.livekit;

import dev.reactorstudio.runtime.media.MediaEngine;
import dev.reactorstudio.runtime.media.SessionAudioSource;
import dev.reactorstudio.runtime.media.SessionVideoSource;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import livekit.LivekitRtc.SessionDescription;
import livekit.LivekitRtc.SignalResponse;
import livekit.LivekitRtc.SignalTarget;
import livekit.LivekitRtc.TrickleRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /rtc}: two peer connections, named from the client's side. On the <em>subscriber</em>
 * connection the server offers the model's video (sendonly) and its own {@code _reliable} and
 * {@code _lossy} channels, which the client adopts to receive data, and the model's audio when it
 * declares one. The <em>publisher</em> connection appears when the client first sends data or
 * publishes a track: the client offers, the server answers, and the client's packets and its
 * published camera/microphone ({@link PeerLink#onTrack}) arrive there.
 */
final class V0Negotiation implements Negotiation {
    private static final Logger LOG = LoggerFactory.getLogger(V0Negotiation.class);

    private final MediaEngine media;
    private final String peerName;
    private final PeerLink subscriber;
    private final CompletableFuture<SessionVideoSource> video;
    /** Null when the model declares no audio output. */
    private final CompletableFuture<SessionAudioSource> audio;
    private final ModelParticipant model;
    private final Signals signals;
    private final boolean subscribe;
    // Signal-thread-confined.
    private PeerLink publisher;
    private int offerId;
    private CompletableFuture<Void> publisherOffers = CompletableFuture.completedFuture(null);

    /** @param subscribe the viewer's token may subscribe: only then does the offer carry the model's video */
    V0Negotiation(MediaEngine media, String peerName, String sessionId, ModelParticipant model, Signals signals,
                  boolean subscribe) {
        this.subscribe = subscribe;
        this.media = media;
        this.peerName = peerName;
        this.subscriber = new PeerLink(media, peerName + "-sub", SignalTarget.SUBSCRIBER, signals);
        this.video = media.video(sessionId);
        this.audio = model.hasAudio() ? media.audio(sessionId) : null;
        this.model = model;
        this.signals = signals;
    }

    @Override
    public void start() {
        int id = ++offerId;
        if (!subscribe) {
            offerDataOnly(id);
            return;
        }
        subscriber.createDataChannels()
                .thenCompose(ignored -> video)
                .thenCompose(source -> subscriber.attachVideo(source, model.streamId(), null))
                .thenCompose(ignored -> audio == null ? CompletableFuture.<Void>completedFuture(null)
                        : audio.thenCompose(source -> subscriber.attachAudio(source, model.audioStreamId())))
                .thenCompose(ignored -> subscriber.createAndSetOffer())
                .thenCompose(offer -> subscriber.refreshMids().thenApply(ignored -> {
                    signals.send(SignalResponse.newBuilder().setOffer(SessionDescription.newBuilder()
                            .setType("offer").setSdp(offer.sdp).setId(id)
                            .putAllMidToTrackId(subscriber.midToTrack(model))).build());
                    return null;
                }))
                .exceptionally(failure -> {
                    LOG.warn("Offering the video failed", failure);
                    signals.onFailed("could not offer the video: " + failure.getMessage());
                    return null;
                });
    }

    /** The subscriber connection of a viewer that may not subscribe: the data channels, no video. */
    private void offerDataOnly(int id) {
        subscriber.createDataChannels()
                .thenCompose(ignored -> subscriber.createAndSetOffer())
                .thenAccept(offer -> signals.send(SignalResponse.newBuilder().setOffer(SessionDescription.newBuilder()
                        .setType("offer").setSdp(offer.sdp).setId(id)).build()))
                .exceptionally(failure -> {
                    LOG.warn("Offering the data channels failed", failure);
                    signals.onFailed("could not offer the data channels: " + failure.getMessage());
                    return null;
                });
    }

    @Override
    public void onAnswer(SessionDescription answer) {
        subscriber.setRemote(answer).exceptionally(failure -> {
            signals.onFailed("the client's answer was refused: " + failure.getMessage());
            return null;
        });
    }

    @Override
    public void onOffer(SessionDescription offer) {
        if (publisher == null) {
            publisher = new PeerLink(media, peerName + "-pub", SignalTarget.PUBLISHER, signals);
        }
        PeerLink link = publisher;
        publisherOffers = publisherOffers.thenCompose(ignored -> AnswerDeadline.bound(link.setRemote(offer)
                .thenCompose(x -> link.createAndSetAnswer())
                .thenAccept(answer -> signals.send(SignalResponse.newBuilder().setAnswer(SessionDescription.newBuilder()
                        .setType("answer").setSdp(answer.sdp).setId(offer.getId())).build())), AnswerDeadline.DEFAULT))
                .exceptionally(failure -> {
                    signals.onFailed("publisher connection: "
                            + AnswerDeadline.reason(failure, offer.getId(), link.peer(), AnswerDeadline.DEFAULT));
                    return null;
                });
    }

    @Override
    public void onTrickle(TrickleRequest trickle) {
        if (trickle.getTarget() == SignalTarget.SUBSCRIBER) {
            subscriber.addRemoteCandidate(trickle);
        } else if (publisher != null) {
            publisher.addRemoteCandidate(trickle);
        }
    }

    @Override
    public void sendData(ByteBuffer packet) {
        // The client listens on the server's subscriber channels, and on its own publisher channels too.
        subscriber.onExecutor(() -> subscriber.sendReliable(packet));
    }

    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> sub = subscriber.close();
        return publisher == null ? sub : CompletableFuture.allOf(sub, publisher.close());
    }
}
