package dev.pixelforge.core.image;

/**
 * A client fault in the image or its parameters. The message says what to fix; the reason lets each
 * adapter pick its own status code without the kernel knowing about HTTP.
 */
public final class ImageRejected extends RuntimeException {

    /** Why an input was refused. */
    public enum Reason {
        EMPTY_BODY("empty_body"),
        NOT_AN_IMAGE("not_an_image"),
        TRUNCATED_IMAGE("truncated_image"),
        BAD_BASE64("bad_base64"),
        BAD_JSON("bad_json"),
        BAD_PARAMETER("bad_parameter"),
        BODY_TOO_LARGE("body_too_large"),
        TOO_MANY_PIXELS("too_many_pixels"),
        UNSUPPORTED_FORMAT("unsupported_format"),
        /** An animated GIF with more frames than {@link ImageLimits#maxFrames}. */
        TOO_MANY_FRAMES("too_many_frames"),
        /** A progressive JPEG with more scans than {@link ImageLimits#MAX_JPEG_SCANS}. */
        TOO_MANY_SCANS("too_many_scans"),
        /** A TIFF tile or strip far larger than its image. */
        TILE_TOO_LARGE("tile_too_large"),
        /**
         * Headers that disagree with the file in a way no valid file does: a palette, field or
         * pixel offset past its end, compressed data that cannot fill the declared raster or is far
         * more than it needs.
         */
        INCONSISTENT_IMAGE("inconsistent_image"),
        /** A generate request priced over {@link ImageLimits#maxGenerateWork}. */
        TOO_MUCH_WORK("too_much_work"),
        /** An answer larger than {@link ImageLimits#maxAnswerBytes}. */
        ANSWER_TOO_LARGE("answer_too_large"),
        /** Not the client's fault: the instance's pixel budget is spent; retrying later works. */
        BUSY("busy"),
        /**
         * Not the client's fault: the request waited or ran past {@link
         * ImageLimits#maxRequestMillis}; retrying later works.
         */
        DEADLINE_EXCEEDED("deadline_exceeded");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable machine-readable code clients match on. */
        public String code() {
            return code;
        }
    }

    /** One wording for an empty body, whichever layer notices it first. */
    public static final String EMPTY_BODY_MESSAGE =
            "the body is empty: send an image (PNG, JPEG, GIF, BMP, TIFF or WebP) as the body, or"
                    + " JSON {\"image\":\"<base64>\"}";

    private final Reason reason;

    public ImageRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public ImageRejected(Reason reason, String message, Throwable cause) {
        super(message, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
