package dev.pixelforge.core.image;

import java.util.Objects;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO input stream reading the request's bytes where they are. ImageIO's own {@code
 * MemoryCacheImageInputStream} copies them into 8 KB blocks first (3 to 10% of the heap a JPEG
 * request allocated under load, issue 16); seeking backwards, as the GIF reader does, costs nothing
 * here.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

    private final byte[] bytes;

    ByteArrayImageInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int off, int len) {
        Objects.checkFromIndexSize(off, len, into.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, into, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    @Override
    public boolean isCached() {
        return true;
    }

    @Override
    public boolean isCachedMemory() {
        return true;
    }

    /** Empty, as in {@link ByteArrayImageOutputStream}: no finalizer registration per request. */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    protected void finalize() {}
}
