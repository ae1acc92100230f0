package dev.pixelforge.core.image;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

import javax.imageio.stream.ImageOutputStreamImpl;

/**
 * An ImageIO output stream into one growable array that a thread keeps from request to request
 * ({@link CodecScratch}): ImageIO's {@code MemoryCacheImageOutputStream} over a {@code
 * ByteArrayOutputStream} wrote every answer three times (8 KB blocks, the stream's array, its final
 * copy), about a quarter of what a JPEG request allocated (issue 16). Seekable, as the TIFF writer
 * needs; {@link #toByteArray} is the one copy left, the answer's own array.
 */
final class ByteArrayImageOutputStream extends ImageOutputStreamImpl {

    private byte[] buffer;
    private int length;
    private long limit = Integer.MAX_VALUE - 16;
    private boolean overLimit;

    /**
     * Writes into {@code buffer} from its start (what it held is overwritten), growing a new one
     * when it is full.
     */
    ByteArrayImageOutputStream(byte[] buffer) {
        this.buffer = buffer.length == 0 ? new byte[64] : buffer;
    }

    /**
     * Makes a write that would take the stream past {@code bytes} fail with an IOException, and
     * {@link #overLimit} true: an answer over its limit is stopped while it is encoded.
     */
    ByteArrayImageOutputStream limit(long bytes) {
        this.limit = Math.min(bytes, Integer.MAX_VALUE - 16);
        return this;
    }

    /** Whether a write was refused for going past {@link #limit}. */
    boolean overLimit() {
        return overLimit;
    }

    /** The array written into: the one given, or a larger one when it grew. */
    byte[] buffer() {
        return buffer;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    @Override
    public void write(int b) throws IOException {
        flushBits();
        ensure(streamPos + 1);
        buffer[(int) streamPos++] = (byte) b;
        length = (int) Math.max(length, streamPos);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        flushBits();
        ensure(streamPos + len);
        System.arraycopy(b, off, buffer, (int) streamPos, len);
        streamPos += len;
        length = (int) Math.max(length, streamPos);
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < length ? buffer[(int) streamPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int off, int len) {
        Objects.checkFromIndexSize(off, len, into.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        System.arraycopy(buffer, (int) streamPos, into, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean isCached() {
        return true;
    }

    @Override
    public boolean isCachedMemory() {
        return true;
    }

    /**
     * Empty, so that HotSpot does not register every instance with the finalizer thread, as it does
     * for ImageIO's streams: ImageInputStreamImpl's finalize only closes, and closing this stream
     * holds nothing.
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {}

    private void ensure(long size) throws IOException {
        if (size > limit) {
            overLimit = true;
            throw new IOException("the encoded image is over its limit of " + limit + " bytes");
        }
        if (size > buffer.length) {
            buffer =
                    Arrays.copyOf(
                            buffer,
                            (int)
                                    Math.min(
                                            Integer.MAX_VALUE - 16,
                                            Math.max(size, 2L * buffer.length)));
        }
        if (streamPos > length) {
            // A seek past the end leaves a gap: zeros, as a file would have, not a reused array's
            // old bytes.
            Arrays.fill(buffer, length, (int) streamPos, (byte) 0);
        }
    }
}
