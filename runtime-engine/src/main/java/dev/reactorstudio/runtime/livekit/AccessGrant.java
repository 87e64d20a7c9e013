package dev.reactorstudio.runtime.livekit;

import java.util.List;

/**
 * What a verified access token allows: who joins which room, and whether they may watch, publish
 * tracks and send data. The server enforces each flag ({@link GrantEnforcer}); the join response
 * tells the client the same, so {@code livekit-client} does not even try what it may not do.
 *
 * @param identity        unique within the room ({@code sub}, or {@code jti} when {@code sub} is empty)
 * @param name            display name ({@code name}, defaulting to the identity)
 * @param room            the room the token names ({@code video.room}); authoritative
 * @param canSubscribe    {@code video.canSubscribe}, absent meaning allowed: receive the model's tracks
 * @param canPublish      {@code video.canPublish}, absent meaning allowed: publish tracks (the model's declared inputs)
 * @param canPublishData  {@code video.canPublishData}, absent meaning allowed: send data packets (commands)
 * @param publishSources  {@code video.canPublishSources} in LiveKit's spelling ({@code camera}, {@code microphone},
 *                        {@code screen_share}, {@code screen_share_audio}); empty means any source
 * @param metadata        {@code metadata}, or empty
 */
public record AccessGrant(String identity, String name, String room, boolean canSubscribe, boolean canPublish,
                          boolean canPublishData, List<String> publishSources, String metadata) {

    public AccessGrant {
        publishSources = publishSources == null ? List.of() : List.copyOf(publishSources);
    }

    /** A grant that may watch and (unless {@code canPublishData} is false) send data, but never publish tracks. */
    public AccessGrant(String identity, String name, String room, boolean canSubscribe, boolean canPublishData,
                       String metadata) {
        this(identity, name, room, canSubscribe, false, canPublishData, List.of(), metadata);
    }
}
