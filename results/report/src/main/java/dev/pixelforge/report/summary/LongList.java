package dev.pixelforge.report.summary;

import java.util.Arrays;

/** A growable array of longs: a run's durations without boxing. */
final class LongList {

    private long[] values = new long[64];
    private int size;

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
