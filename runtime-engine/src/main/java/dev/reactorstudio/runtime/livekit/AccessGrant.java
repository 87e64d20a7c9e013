package dev.reactorstudio.runtime.livekit;

/**
 * What a verified access token allows: who joins which room, and whether they may watch and
 * send data. Publishing media is never granted to viewers here.
 *
 * @param identity       unique within the room ({@code sub}, or {@code jti} when {@code sub} is empty)
 * @param name           display name ({@code name}, defaulting to the identity)
 * @param room           the room the token names ({@code video.room}); authoritative
 * @param canSubscribe   {@code video.canSubscribe}, absent meaning allowed
 * @param canPublishData {@code video.canPublishData}, absent meaning allowed
 * @param metadata       {@code metadata}, or empty
 */
public record AccessGrant(String identity, String name, String room, boolean canSubscribe,
                          boolean canPublishData, String metadata) {
}
