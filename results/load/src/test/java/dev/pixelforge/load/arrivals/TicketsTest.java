package dev.pixelforge.load.arrivals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tickets on a clock the test holds: due times, lateness, the end of the schedule. */
class TicketsTest {

    @Test
    void clockStartsWithTheFirstTicket_andEachIsDueOnTheSchedule() {
        Tickets t = new Tickets(ArrivalRate.parse("20", 1));
        Tickets.Ticket first = t.take(5_000);
        assertEquals(new Tickets.Ticket(0, 5_000, 0), first);
        Tickets.Ticket second = t.take(5_000 + 1_000_000);
        assertEquals(
                new Tickets.Ticket(1, 5_000 + 50_000_000, 0),
                second,
                "taken early: it waits, and is on time");
        assertFalse(second.late());
    }

    @Test
    void ticketTakenAfterItWasDue_isLate_byExactlyThatMuch() {
        Tickets t = new Tickets(ArrivalRate.parse("10", 1));
        t.take(0);
        Tickets.Ticket late = t.take(130_000_000);
        assertEquals(new Tickets.Ticket(1, 100_000_000, 30_000_000), late);
        assertTrue(late.late());
    }

    @Test
    void afterTheLastArrival_thereIsNone_however_oftenAsked() {
        Tickets t = new Tickets(ArrivalRate.parse("2", 2));
        for (int i = 0; i < 4; i++) {
            assertEquals(i, t.take(0).index());
        }
        for (int i = 0; i < 3; i++) {
            assertNull(t.take(10_000_000_000L));
        }
        assertEquals(4, t.arrivals());
    }

    @Test
    void manyThreads_takeEveryTicketOnce() throws Exception {
        Tickets t = new Tickets(ArrivalRate.parse("1000", 10));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Long>>> taken = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                taken.add(
                        pool.submit(
                                () -> {
                                    List<Long> mine = new ArrayList<>();
                                    for (Tickets.Ticket k; (k = t.take(0)) != null; ) {
                                        mine.add(k.index());
                                    }
                                    return mine;
                                }));
            }
            Set<Long> all = new HashSet<>();
            int total = 0;
            for (Future<List<Long>> f : taken) {
                all.addAll(f.get());
                total += f.get().size();
            }
            assertEquals(10_000, total);
            assertEquals(10_000, all.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
