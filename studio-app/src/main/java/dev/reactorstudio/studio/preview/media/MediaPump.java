package dev.reactorstudio.studio.preview.media;

/**
 * An open source of one input's media. Opened, pumped and closed by one {@link InputFeed} thread
 * only, so its native objects (a grabber, a capture line) have one owner and are freed once.
 */
interface MediaPump extends AutoCloseable {
    /**
     * Sends the next picture or chunk of sound to {@code target}, first waiting until it is due
     * (a file plays at its own rate; a device delivers at its own). Returns early when the feed stops.
     */
    void pump(FeedTarget target) throws Exception;

    /** What plays, for the row's status: "red.png · 640×480 · 30 fps". */
    String describe();

    @Override
    void close();

    /** Opens {@code source} (on the feed's thread). */
    static MediaPump open(InputSource source, FeedTarget.Clock clock) throws SourceException {
        return switch (source.kind()) {
            case IMAGE -> ImagePump.open(source, clock);
            case VIDEO_FILE -> GrabberVideoPump.openFile(source, clock);
            case WEBCAM -> GrabberVideoPump.openWebcam(source);
            case AUDIO_FILE -> GrabberAudioPump.open(source, clock);
            case MICROPHONE -> MicrophonePump.open();
            case NONE -> throw new IllegalArgumentException("None feeds nothing");
        };
    }
}
