package dev.pixelforge.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The eight EXIF orientations. Against Pillow's exif_transpose they are checked on the corpus
 * (WildFilesMatchPillowTest, RGB and gray); here, that every pixel layout turns alike.
 */
class OrientationTest {

    // 3x2:  0 1 2
    //       3 4 5
    private static final byte[] GRAY = {0, 1, 2, 3, 4, 5};

    @ParameterizedTest
    @EnumSource(Orientation.class)
    void everyLayout_turnsLikeGray(Orientation o) {
        Pixels gray = o.apply(new Pixels(3, 2, Channels.GRAY, GRAY.clone()));
        for (Channels c : Channels.values()) {
            byte[] data = new byte[6 * c.count()];
            for (int i = 0; i < 6; i++) {
                for (int b = 0; b < c.count(); b++) {
                    data[i * c.count() + b] = (byte) (GRAY[i] * 10 + b);
                }
            }
            Pixels turned = o.apply(new Pixels(3, 2, c, data));
            assertEquals(gray.width(), turned.width(), c + " width");
            for (int i = 0; i < 6; i++) {
                for (int b = 0; b < c.count(); b++) {
                    assertEquals(
                            gray.data()[i] * 10 + b,
                            turned.data()[i * c.count() + b],
                            o + " " + c + " pixel " + i);
                }
            }
        }
    }

    @Test
    void acrossTileEdges_turnsCompose_asTheyShould() {
        // 130x70 spans several 64x64 tiles, with partial ones at the edges.
        byte[] data = new byte[130 * 70 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 390);
        }
        Pixels p = new Pixels(130, 70, Channels.BGR, data);
        Pixels cw = Orientation.ROTATE_90_CLOCKWISE.apply(p);
        assertEquals(70, cw.width());
        assertArrayEquals(
                data,
                Orientation.ROTATE_90_COUNTERCLOCKWISE.apply(cw).data(),
                "clockwise then counter-clockwise");
        assertArrayEquals(
                Orientation.ROTATE_180.apply(p).data(),
                Orientation.ROTATE_90_CLOCKWISE.apply(cw).data(),
                "two quarter turns");
        for (Orientation self :
                new Orientation[] {
                    Orientation.MIRROR_HORIZONTAL,
                    Orientation.MIRROR_VERTICAL,
                    Orientation.TRANSPOSE,
                    Orientation.TRANSVERSE,
                    Orientation.ROTATE_180
                }) {
            assertArrayEquals(data, self.apply(self.apply(p)).data(), self + " twice");
        }
        assertArrayEquals(
                Orientation.TRANSPOSE.apply(p).data(),
                Orientation.MIRROR_HORIZONTAL
                        .apply(Orientation.ROTATE_90_CLOCKWISE.apply(p))
                        .data(),
                "transpose = turn, then mirror");
    }

    @ParameterizedTest
    @ValueSource(ints = {6})
    void six_isAPhoneHeldUpright_turnedClockwise(int exif) {
        Pixels turned =
                Orientation.ofExif(exif).apply(new Pixels(3, 2, Channels.GRAY, GRAY.clone()));
        // stored 0 1 2 / 3 4 5, shown turned 90 degrees clockwise: 3 0 / 4 1 / 5 2
        assertEquals(2, turned.width());
        assertArrayEquals(new byte[] {3, 0, 4, 1, 5, 2}, turned.data());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 65535})
    void oneAndOutOfRangeValues_leaveThePixelsAsStored(int exif) {
        Pixels p = new Pixels(3, 2, Channels.GRAY, GRAY.clone());
        assertSame(p, Orientation.ofExif(exif).apply(p));
    }
}
