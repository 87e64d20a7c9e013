package dev.reactorstudio.studio.preview.media;

/** What an input row says: idle (nothing chosen, or waiting for a session), playing what, or why not. */
public record FeedStatus(State state, String text) {
    public enum State { IDLE, STARTING, PLAYING, FAILED }

    public static final FeedStatus NOTHING = new FeedStatus(State.IDLE, "");

    static FeedStatus idle(String text) {
        return new FeedStatus(State.IDLE, text);
    }

    static FeedStatus failed(String text) {
        return new FeedStatus(State.FAILED, text);
    }
}
