package dev.pixelforge.cli.bench;

import dev.pixelforge.load.jmeter.LoadPlan;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.run.RunLayout;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stock Apache JMeter 5.6.3, its own launcher and jars as results/stock-jmeter/pom.xml assembles
 * them (as StockJmeterPlanIT runs it), on the bare plan: requests only, no extractor, no listener.
 * Its rate is JMeter's own summariser's (on in every non-GUI run), the one figure stock JMeter
 * prints.
 */
final class StockJmeter {

    static final String VERSION = "5.6.3";
    private static final Pattern SUMMARY =
            Pattern.compile("summary =\\s+(\\d+) in [\\d:]+ =\\s+([\\d.]+)/s");

    private StockJmeter() {}

    static Path home(Path root) {
        return root.resolve("results/stock-jmeter/target/apache-jmeter-" + VERSION);
    }

    /** Assembles the home with Maven when it is missing (once per checkout). */
    static void ensure(Path root) throws IOException, InterruptedException {
        if (Files.exists(home(root).resolve("bin/ApacheJMeter.jar"))) {
            return;
        }
        Process build =
                new ProcessBuilder(
                                "mvn",
                                "-B",
                                "-q",
                                "-f",
                                root.resolve("results/stock-jmeter/pom.xml").toString(),
                                "package")
                        .inheritIO()
                        .start();
        if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException(
                    "could not assemble stock JMeter: mvn -B -f results/stock-jmeter/pom.xml"
                            + " package");
        }
    }

    /** Runs the bare plan from {@code runDir} (its CSV Data Set and images) at {@code url}. */
    static ClientRun run(Path root, Path runDir, URI url, int threads, int seconds)
            throws IOException, InterruptedException {
        LoadPlan.bare(Operation.TONE_JSON).saveAsJmx(runDir.resolve(RunLayout.BARE_JMX).toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildCpu.Finished done =
                ChildCpu.run(
                        List.of(
                                java,
                                "-jar",
                                home(root).resolve("bin/ApacheJMeter.jar").toString(),
                                "-n",
                                "-t",
                                RunLayout.BARE_JMX,
                                "-j",
                                "stock-jmeter.log",
                                "-Jhost=" + url.getHost(),
                                "-Jport=" + url.getPort(),
                                "-Jthreads=" + threads,
                                "-Jramp=0",
                                "-Jduration=" + seconds,
                                "-Jhttpsampler.max_bytes_to_store_per_request=65536"), // as the
                        // embedded
                        // client
                        // keeps
                        runDir,
                        runDir.resolve("stock-jmeter.out"),
                        seconds + 180L);
        Summary s = summary(done.output());
        return new ClientRun(
                "stock JMeter " + VERSION + ", bare plan",
                s.requests(),
                s.requests() / s.perSecond(),
                done.cpuNanos(),
                "its process, JVM start included");
    }

    record Summary(long requests, double perSecond) {}

    /**
     * The summariser's last cumulative line, e.g. {@code summary = 46093 in 00:00:15 = 3071.9/s
     * Avg: ...}.
     */
    static Summary summary(String output) {
        Matcher m = SUMMARY.matcher(output);
        Summary last = null;
        while (m.find()) {
            last = new Summary(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
        }
        if (last == null || last.perSecond() <= 0) {
            throw new IllegalStateException(
                    "stock JMeter printed no summary with requests:\n" + output);
        }
        return last;
    }
}
