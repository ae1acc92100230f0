package dev.pixelforge.platform.run;

import java.nio.file.Path;

/**
 * The run folder's layout: every file and directory name that a run writes or a report reads, named
 * once, so that the writers ({@code cli}, {@code load}, the stand-ins) and the reader ({@code
 * report}) cannot drift apart on a spelling.
 */
public final class RunLayout {
    /** One line per request (the platform's sample format). */
    public static final String SAMPLES = "samples.csv";

    /** One line per stand-in instance. */
    public static final String INSTANCES = "instances.csv";

    /** The load client's own CPU and heap over time. */
    public static final String CLIENT = "client.csv";

    /** What the load client's JVM was (written by the client watch). */
    public static final String CLIENT_PROPERTIES = "client.properties";

    /** Per-target settings handed to an isolated client JVM. */
    public static final String CLIENT_DIR = "client";

    /** The run manifest: what this run was ({@link RunManifest}). */
    public static final String RUN_PROPERTIES = "run.properties";

    /** The JMeter plan the run used. */
    public static final String PLAN_JMX = "plan.jmx";

    /** The plan's settings as properties. */
    public static final String PLAN_PROPERTIES = "plan.properties";

    /** The images each request carries, the JMeter plan's CSV Data Set. */
    public static final String PLAN_IMAGES = "plan-images.csv";

    /** HdrHistogram logs, one per target. */
    public static final String HISTOGRAMS = "histograms";

    /** Cloud-shaped metrics (stand-ins or a deployed cloud). */
    public static final String CLOUD = "cloud";

    /** The report's charts. */
    public static final String CHARTS = "charts";

    public static final String REPORT_HTML = "report.html";
    public static final String SUMMARY_MD = "summary.md";
    public static final String SUMMARY_CSV = "summary.csv";

    /** The SeBS-shaped per-request result file. */
    public static final String RESULT_CSV = "result.csv";

    /** The prices the run was costed at, copied in when the run starts. */
    public static final String PRICING = "pricing.properties";

    /** The stand-ins' instance logs. */
    public static final String LOGS = "logs";

    /** JMeter's own HTML dashboard, one folder per target. */
    public static final String JMETER_DASHBOARD = "jmeter-dashboard";

    /** A dashboard's entry page; also a static site's. */
    public static final String INDEX_HTML = "index.html";

    /** A sweep folder's manifest, its tables and its page. */
    public static final String SWEEP_PROPERTIES = "sweep.properties";

    public static final String SWEEP_CSV = "sweep.csv";
    public static final String SWEEP_IMAGES_CSV = "sweep-images.csv";
    public static final String SWEEP_HTML = "sweep.html";

    /** The stand-ins' counters, inside {@link #CLOUD}. */
    public static final String STANDINS_PROPERTIES = "standins.properties";

    /** In {@link #CLOUD}: each request's lease on its instance, as the stand-ins held it. */
    public static final String LEASES = "leases.csv";

    /** The bare plan the stock-JMeter bench runs. */
    public static final String BARE_JMX = "bare.jmx";

    private RunLayout() {}

    public static Path samples(Path runDir) {
        return runDir.resolve(SAMPLES);
    }

    public static Path instances(Path runDir) {
        return runDir.resolve(INSTANCES);
    }

    public static Path runProperties(Path runDir) {
        return runDir.resolve(RUN_PROPERTIES);
    }

    public static Path cloud(Path runDir) {
        return runDir.resolve(CLOUD);
    }

    public static Path reportHtml(Path runDir) {
        return runDir.resolve(REPORT_HTML);
    }

    /** {@code histograms/<target>.hlog}. */
    public static Path histogram(Path runDir, String target) {
        return runDir.resolve(HISTOGRAMS).resolve(target + ".hlog");
    }

    /** {@code jmeter-dashboard/<target>}. */
    public static Path dashboard(Path runDir, String target) {
        return runDir.resolve(JMETER_DASHBOARD).resolve(target);
    }

    /** The isolated client's spec for {@code target}: {@code client/<target>.properties}. */
    public static Path clientSpec(Path runDir, String target) {
        return runDir.resolve(CLIENT_DIR).resolve(target + ".properties");
    }
}
