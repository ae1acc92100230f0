package dev.pixelforge.platform.payload;

import dev.pixelforge.platform.Target;

/**
 * The largest image each target accepts per request, from the real encodings between the client and
 * the function. Lambda's limit is on the event, not the body: API Gateway (binary media types
 * {@code *}{@code /*}, as the template deploys it) base64-encodes every body into the event, so a
 * {@code tone-json} image is base64 twice (once by the client inside its JSON, once by API Gateway)
 * and the largest that reaches Lambda is about 9/16 of the event quota, 3.54 MB, not the 4.7 MB a
 * single base64 would allow. Google's limit is the request itself (32 MiB on HTTP/1), which the
 * function's own body limit matches.
 *
 * <p>Sources: Lambda's quota "Invocation payload (request and response): 6 MB each for request and
 * response (synchronous)"
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), enforced as 6,291,456
 * bytes ("Request must be smaller than 6291456 bytes for the InvokeFunction operation"); Cloud
 * Run's "maximum request size ... 32 MiB" for HTTP/1 (https://cloud.google.com/run/quotas).
 */
public final class LargestImage {

    /** Lambda's synchronous invocation payload quota, each way, as enforced. */
    public static final long LAMBDA_EVENT_BYTES = 6_291_456;

    /**
     * Room for the event's envelope (method, path, headers twice, request context): a request of
     * the load client's encodes to under 2 KiB (ProxyEventEnvelopeTest in the stand-ins measures
     * it); the rest is margin for a browser's larger headers.
     */
    public static final long EVENT_ENVELOPE_BYTES = 4096;

    /**
     * Room for the JSON around the image's base64: {@code {"image":"...","scale":"gray"}} and its
     * options.
     */
    public static final long JSON_FIELDS_BYTES = 64;

    /** Cloud Run's HTTP/1 request limit, and the function's own body limit. */
    public static final long GOOGLE_REQUEST_BYTES = 32L * 1024 * 1024;

    private LargestImage() {}

    /**
     * The largest image, in bytes, that {@code target} accepts in one request.
     *
     * @param json whether the image travels in base64 inside a JSON body ({@code tone-json}) rather
     *     than as the body itself ({@code tone})
     */
    public static long bytes(Target target, boolean json) {
        long body = requestBytes(target);
        return json ? unbase64(body - JSON_FIELDS_BYTES) : body;
    }

    /**
     * The largest request body, in bytes, that {@code target} accepts: what a client sends, the
     * image's encoding included.
     */
    public static long requestBytes(Target target) {
        return target == Target.AWS_LAMBDA
                ? unbase64(LAMBDA_EVENT_BYTES - EVENT_ENVELOPE_BYTES)
                : GOOGLE_REQUEST_BYTES;
    }

    /** How it was derived, for the report. */
    public static String basis(Target target, boolean json) {
        if (target == Target.AWS_LAMBDA) {
            return json
                    ? "Lambda's 6,291,456-byte event, less 4 KiB of envelope, as base64 of the JSON"
                            + " body (API Gateway), itself holding the image in base64: x 9/16"
                    : "Lambda's 6,291,456-byte event, less 4 KiB of envelope, as base64 of the"
                            + " body (API Gateway): x 3/4";
        }
        return json
                ? "the 32 MiB request limit, the image in base64 in it: x 3/4"
                : "the 32 MiB request limit";
    }

    /** The longest byte string whose base64 (padded) fits in {@code chars}. */
    static long unbase64(long chars) {
        return chars / 4 * 3;
    }
}
