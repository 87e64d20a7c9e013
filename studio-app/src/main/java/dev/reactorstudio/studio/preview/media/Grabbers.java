package dev.reactorstudio.studio.preview.media;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** What the FFmpeg pumps share: errors in words, looping, freeing. */
final class Grabbers {
    private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

    private Grabbers() {
    }

    /** FFmpeg's "avformat_open_input() error -16" in words, with what to do about it. */
    static String explain(Throwable e) {
        String message = String.valueOf(e.getMessage());
        Matcher code = ERROR_CODE.matcher(message);
        if (code.find()) {
            return switch (Integer.parseInt(code.group(1))) {
                case -2 -> "no such file or device";
                case -13 -> "permission denied (on Linux, add your user to the \"video\" group and log in again)";
                case -16 -> "the device is busy — another program is using it";
                case -19, -6 -> "no such device (unplugged?)";
                case -22 -> "the device refused " + GrabberVideoPump.WEBCAM_WIDTH + "×" + GrabberVideoPump.WEBCAM_HEIGHT + " at " + GrabberVideoPump.WEBCAM_FPS + " fps, or is not a camera";
                case -1094995529 -> "not a media file FFmpeg can read";
                default -> message;
            };
        }
        return message;
    }

    /** Back to the start: a seek, or (a stream that cannot seek) opening the file again. */
    static void rewind(FFmpegFrameGrabber grabber) throws FrameGrabber.Exception {
        try {
            grabber.setTimestamp(0);
        } catch (FrameGrabber.Exception e) {
            grabber.restart();
        }
    }

    /** stop() + release(): the natives go once, on the feed's thread that used them. */
    static void release(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // already released or never opened: nothing left to free
        }
    }
}
