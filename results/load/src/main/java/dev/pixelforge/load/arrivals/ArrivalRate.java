package dev.pixelforge.load.arrivals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An open-loop load: requests leave at a fixed arrival rate, whatever the target answers, in steps
 * of constant rate. Arrival n of a step of rate r that starts at S is due at S + n/r: evenly
 * spaced, as k6's constant-arrival-rate and Gatling's constantUsersPerSec (without randomisation)
 * send them, so that two runs of one schedule send the same requests at the same times.
 */
public record ArrivalRate(List<Step> steps) {

    /**
     * {@code R} (requests/s) or {@code R:D} with D in seconds ({@code 60}, {@code 60s}) or minutes
     * ({@code 2m}).
     */
    private static final Pattern STEP =
            Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(?::\\s*([0-9]+)\\s*([sm]?))?\\s*");

    /**
     * {@code perSecond} requests per second for {@code seconds} seconds (0 per second is a pause).
     */
    public record Step(double perSecond, int seconds) {

        public Step {
            if (!(perSecond >= 0) || Double.isInfinite(perSecond) || seconds < 1) {
                throw new IllegalArgumentException(
                        "a --rate step is a rate of 0 or more requests per second for 1 s or more,"
                                + " not "
                                + perSecond
                                + "/s for "
                                + seconds
                                + " s");
            }
        }

        /**
         * Arrivals at n/r for every n with n/r before the step's end: ceil(r x seconds), snapped to
         * a whole number within 1e-9 (0.3 x 10 is 3).
         */
        long arrivals() {
            double x = perSecond * seconds;
            double whole = Math.rint(x);
            return (long) (Math.abs(x - whole) < 1e-9 * Math.max(1, x) ? whole : Math.ceil(x));
        }
    }

    public ArrivalRate {
        steps = List.copyOf(steps);
        if (steps.isEmpty() || steps.stream().mapToLong(Step::arrivals).sum() == 0) {
            throw new IllegalArgumentException(
                    "--rate sends no request at all: give a rate above 0");
        }
    }

    /**
     * {@code --rate}'s text: {@code 20} (20 requests/s for {@code defaultSeconds}) or steps {@code
     * 10:60s,50:60s} (10/s for a minute, then 50/s for a minute), which set the duration
     * themselves.
     */
    public static ArrivalRate parse(String spec, int defaultSeconds) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "--rate takes requests per second, e.g. 20, or steps such as 10:60s,50:60s");
        }
        String[] parts = spec.split(",", -1);
        List<Step> steps = new ArrayList<>();
        for (String part : parts) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "--rate takes requests per second, e.g. 20, or steps RATE:SECONDS such as"
                                + " 10:60s,50:60s; '"
                                + part.trim()
                                + "' is neither");
            }
            if (m.group(2) == null && parts.length > 1) {
                throw new IllegalArgumentException(
                        "--rate with several steps needs each one's duration, e.g. 10:60s,50:60s; '"
                                + part.trim()
                                + "' has none");
            }
            int seconds;
            try {
                seconds =
                        m.group(2) == null
                                ? defaultSeconds
                                : Math.multiplyExact(
                                        Integer.parseInt(m.group(2)),
                                        "m".equals(m.group(3)) ? 60 : 1);
            } catch (NumberFormatException | ArithmeticException tooLong) {
                throw new IllegalArgumentException(
                        "--rate: '" + part.trim() + "' lasts longer than this tool can count");
            }
            steps.add(new Step(Double.parseDouble(m.group(1)), seconds));
        }
        return new ArrivalRate(steps);
    }

    /** Whether {@code --rate}'s text gives its own durations (then --duration has no say). */
    public static boolean hasDurations(String spec) {
        return spec != null && spec.contains(":");
    }

    /**
     * Threads enough to keep the peak rate while round trips stay under this (Little's law:
     * requests in flight = rate x time in flight). Dilation does not change it: a target k times
     * slower is sent k times fewer requests per second, each in flight k times longer.
     */
    public static final int DEFAULT_SECONDS_IN_FLIGHT = 2;

    /**
     * The default pool's ceiling: each JMeter thread is a JVM thread with its own stack and
     * connection.
     */
    public static final int DEFAULT_THREADS_CAP = 1000;

    /**
     * The pool {@code --max-threads} defaults to: the peak rate x {@link
     * #DEFAULT_SECONDS_IN_FLIGHT}, from 4 to {@link #DEFAULT_THREADS_CAP}.
     */
    public int defaultThreads() {
        return (int)
                Math.min(
                        DEFAULT_THREADS_CAP,
                        Math.max(4, Math.ceil(peakPerSecond() * DEFAULT_SECONDS_IN_FLIGHT)));
    }

    /** Every arrival of the schedule. */
    public long arrivals() {
        return steps.stream().mapToLong(Step::arrivals).sum();
    }

    public int seconds() {
        return steps.stream().mapToInt(Step::seconds).sum();
    }

    public double peakPerSecond() {
        return steps.stream().mapToDouble(Step::perSecond).max().orElseThrow();
    }

    /** Arrivals over the schedule's seconds. */
    public double meanPerSecond() {
        return arrivals() / (double) seconds();
    }

    /** When arrival {@code n} (from 0) is due, in nanoseconds from the schedule's start. */
    public long dueNanos(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("no arrival " + n);
        }
        long before = 0;
        long stepStartNanos = 0;
        for (Step s : steps) {
            long count = s.arrivals();
            if (n < before + count) {
                // n x 1e9 / r, not n x (1e9 / r): exact whenever the true time is a whole
                // nanosecond (3/s: 1e9 at n = 3).
                return stepStartNanos + (long) Math.floor((n - before) * 1e9 / s.perSecond());
            }
            before += count;
            stepStartNanos += s.seconds() * 1_000_000_000L;
        }
        throw new IllegalArgumentException("no arrival " + n + ": the schedule has " + arrivals());
    }

    /**
     * The same schedule k times slower, for a target dilated by k (it runs k times slower, and
     * cloud-equivalent times are the measured ones divided by k): each step lasts k times longer
     * (whole seconds) with the same arrivals, so its rate is divided by about k and the target gets
     * the cloud-seconds the schedule names.
     */
    public ArrivalRate slowedBy(double k) {
        if (k == 1) {
            return this;
        }
        return new ArrivalRate(
                steps.stream()
                        .map(
                                s -> {
                                    int seconds = (int) Math.max(1, Math.round(s.seconds() * k));
                                    return new Step(s.perSecond() * s.seconds() / seconds, seconds);
                                })
                        .toList());
    }

    /**
     * The schedule in {@code --rate}'s own syntax, every step with its duration ({@link #parse}
     * reads it back).
     */
    public String spec() {
        return String.join(
                ",",
                steps.stream().map(s -> number(s.perSecond()) + ":" + s.seconds() + "s").toList());
    }

    /**
     * The schedule for stock JMeter's Open Model Thread Group (core JMeter 5.5+), evenly spaced as
     * here, {@code drainSeconds} of pause after it for answers still on their way (JMeter
     * interrupts what is left at the schedule's end): {@code rate(20/sec) even_arrivals(30 sec)
     * rate(20/sec) pause(5 sec)}.
     */
    public String openModelSchedule(int drainSeconds) {
        StringBuilder out = new StringBuilder();
        for (Step s : steps) {
            if (s.perSecond() == 0) {
                out.append("pause(")
                        .append(s.seconds())
                        .append(" sec) "); // its own word for no arrivals
                continue;
            }
            String rate = "rate(" + number(s.perSecond()) + "/sec)";
            out.append(rate)
                    .append(" even_arrivals(")
                    .append(s.seconds())
                    .append(" sec) ")
                    .append(rate)
                    .append(' ');
        }
        return out.append("pause(").append(drainSeconds).append(" sec)").toString();
    }

    /** For people: "20 req/s for 30 s", "10 req/s for 60 s, then 50 req/s for 60 s". */
    public String describe() {
        return String.join(
                ", then ",
                steps.stream()
                        .map(
                                s ->
                                        String.format(
                                                Locale.ROOT,
                                                "%s req/s for %d s",
                                                number(Math.round(s.perSecond() * 1000) / 1000.0),
                                                s.seconds()))
                        .toList());
    }

    private static String number(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
