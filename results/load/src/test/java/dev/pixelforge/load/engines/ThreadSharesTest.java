package dev.pixelforge.load.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

class ThreadSharesTest {

    static final EngineAddress A = new EngineAddress("a", 1099);
    static final EngineAddress B = new EngineAddress("b", 1099);
    static final EngineAddress C = new EngineAddress("c", 1099);

    @Test
    void tenThreads_twoEngines_fiveEach() {
        ThreadShares s = ThreadShares.divide(10, List.of(A, B));
        assertEquals(List.of(5, 5), List.copyOf(s.threads().values()));
        assertTrue(s.even());
        assertEquals("10 threads over 2 engines: 5 on a:1099, 5 on b:1099", s.describe());
    }

    @Test
    void unevenSplit_firstEnginesTakeTheExtra_andSaySo() {
        ThreadShares s = ThreadShares.divide(11, List.of(A, B, C));
        assertEquals(List.of(4, 4, 3), List.copyOf(s.threads().values()));
        assertEquals(11, s.total());
        assertFalse(s.even());
        assertEquals(
                "11 threads over 3 engines, uneven: 4 on a:1099, 4 on b:1099, 3 on c:1099",
                s.describe());
    }

    @Test
    void oneEngine_getsEveryThread() {
        assertEquals(
                "7 threads over 1 engine: 7 on a:1099",
                ThreadShares.divide(7, List.of(A)).describe());
    }

    @Test
    void oneThread_isSaidInTheSingular() {
        assertEquals(
                "1 thread over 1 engine: 1 on a:1099",
                ThreadShares.divide(1, List.of(A)).describe());
    }

    @Test
    void fewerThreadsThanEngines_isRefused() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ThreadShares.divide(2, List.of(A, B, C)));
        assertTrue(e.getMessage().contains("--threads 3"), e.getMessage());
    }
}
