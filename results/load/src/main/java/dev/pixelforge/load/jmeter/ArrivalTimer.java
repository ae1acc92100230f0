package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.arrivals.Tickets;

import org.apache.jmeter.engine.util.NoThreadClone;
import org.apache.jmeter.testelement.AbstractTestElement;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.timers.Timer;

import java.util.concurrent.locks.LockSupport;

/**
 * Open loop as a plain JMeter timer shared by every thread of the pool (NoThreadClone): before each
 * request the thread takes the next {@link Tickets ticket}, waits until it is due, and lets JMeter
 * send. A ticket taken late goes at once. Its lateness, measured when the thread is ready to send,
 * goes to the thread's variable {@value #SEND_LAG_VARIABLE} (microseconds), which the recorder adds
 * to the round trip. With no ticket left the thread stops before sending (JMeter samples only while
 * the thread runs). It waits itself, to the microsecond, and returns 0: JMeter's own timer sleep is
 * whole milliseconds.
 */
final class ArrivalTimer extends AbstractTestElement implements Timer, NoThreadClone {

    /** The JMeter variable holding how late the thread's request left, in microseconds. */
    static final String SEND_LAG_VARIABLE = "pf_send_lag_us";

    private final transient Tickets tickets;

    ArrivalTimer(Tickets tickets) {
        this.tickets = tickets;
        setName("pixelforge open-loop arrivals");
    }

    @Override
    public long delay() {
        JMeterContext context = JMeterContextService.getContext();
        Tickets.Ticket ticket = tickets.take(System.nanoTime());
        if (ticket == null) {
            context.getThread()
                    .stop(); // every arrival has been sent: this thread's request is not one
            return 0;
        }
        for (long left; (left = ticket.dueNanos() - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                context.getThread()
                        .stop(); // JMeter is stopping the test: send nothing more (the flag stays
                // set for JMeter)
                return 0;
            }
        }
        // Measured after the wait, not when the ticket was taken: a thread that took its ticket in
        // time
        // but woke late (a client short of CPU) sent late too, and its round trip must say so.
        long lateNanos = Math.max(ticket.lateNanos(), System.nanoTime() - ticket.dueNanos());
        context.getVariables().put(SEND_LAG_VARIABLE, Long.toString(lateNanos / 1000));
        return 0;
    }
}
