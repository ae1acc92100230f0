package dev.pixelforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.Target;
import dev.pixelforge.platform.events.StandInEvents;
import dev.pixelforge.platform.profile.PlatformProfile;
import dev.pixelforge.standins.Deployables;
import dev.pixelforge.standins.LocalCloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code plan.jmx} as users get it, run by stock Apache JMeter 5.6.3 (its own launcher and jars,
 * assembled from Maven Central by results/stock-jmeter/pom.xml) against the container stand-in.
 */
class StockJmeterPlanIT {

    /**
     * One container stand-in for both plans: starting the local cloud is a good part of each test's
     * time, and neither test depends on the other's instances (each counts only its own JTL).
     */
    private static LocalCloud cloud;

    static final Path HOME =
            CompareIT.ROOT.resolve("results/stock-jmeter/target/apache-jmeter-5.6.3");

    @BeforeAll
    static void stockJmeterAndOneCloud() throws Exception {
        ensureStockJmeter();
        cloud =
                LocalCloud.start(
                        Deployables.under(CompareIT.ROOT),
                        PlatformProfile.defaults(),
                        Files.createTempDirectory(
                                Files.createDirectories(
                                        CompareIT.ROOT.resolve("results/cli/target")),
                                "stock-jmeter-local-"),
                        LocalCloud.Ports.ANY,
                        StandInEvents.NONE);
    }

    @AfterAll
    static void stopTheCloud() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void exportedPlan_loadsAndRunsInStockJmeter_unchanged() throws Exception {
        LoadProfile profile = LoadProfile.named("quick").withMaxImagePixels(320 * 240);
        Path run =
                RunFolder.create(
                        CompareIT.RUNS,
                        profile,
                        StudyImageSet.in(CompareIT.RUNS.resolve("images")));
        RunFolder.writePlan(run, profile);
        String jmx = Files.readString(run.resolve("plan.jmx"));
        assertFalse(jmx.contains("us.abstracta"), "plan.jmx must hold stock JMeter elements only");

        Process jmeter =
                new ProcessBuilder(
                                java(),
                                "-jar",
                                HOME.resolve("bin/ApacheJMeter.jar").toString(),
                                "-n",
                                "-t",
                                "plan.jmx",
                                "-q",
                                "plan.properties",
                                "-l",
                                "stock.jtl",
                                "-j",
                                "stock-jmeter.log",
                                "-Jport=" + cloud.url(Target.CONTAINER).getPort(),
                                "-Jthreads=2",
                                "-Jramp=0",
                                "-Jduration=3")
                        .directory(run.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(run.resolve("stock-jmeter.out").toFile())
                        .start();
        assertTrue(jmeter.waitFor(180, TimeUnit.SECONDS), "stock JMeter did not finish");
        assertEquals(0, jmeter.exitValue(), Files.readString(run.resolve("stock-jmeter.out")));

        List<String> jtl = Files.readAllLines(run.resolve("stock.jtl"));
        List<String> header = Arrays.asList(jtl.get(0).split(","));
        assertTrue(
                header.contains("\"pf_target\"") || header.contains("pf_target"),
                "no pf_target column: " + header);
        // How many fit in 3 s is the machine's to say (2 on a loaded one): each that was sent is
        // checked below.
        assertTrue(jtl.size() > 1, "stock JMeter sent no request");
        int code = header.indexOf("responseCode");
        for (String line : jtl.subList(1, jtl.size())) {
            assertEquals("200", line.split(",")[code], line);
            assertTrue(
                    line.endsWith(",container"),
                    "the target header did not reach the JTL: " + line);
        }
    }

    @Test
    void openLoopPlan_runsOnStockJmetersOpenModelThreadGroup_everyArrivalOnce() throws Exception {
        LoadProfile profile =
                LoadProfile.named("quick")
                        .withMaxImagePixels(320 * 240)
                        .withArrivals(ArrivalRate.parse("10", 3), 8);
        Path run =
                RunFolder.create(
                        CompareIT.RUNS,
                        profile,
                        StudyImageSet.in(CompareIT.RUNS.resolve("images")));
        RunFolder.writePlan(run, profile);
        assertTrue(Files.readString(run.resolve("plan.jmx")).contains("OpenModelThreadGroup"));
        assertTrue(
                Files.readString(run.resolve("plan.properties"))
                        .contains(
                                "schedule=rate(10/sec) even_arrivals(3 sec) rate(10/sec) pause(5"
                                        + " sec)"));

        Process jmeter =
                new ProcessBuilder(
                                java(),
                                "-jar",
                                HOME.resolve("bin/ApacheJMeter.jar").toString(),
                                "-n",
                                "-t",
                                "plan.jmx",
                                "-q",
                                "plan.properties",
                                "-l",
                                "stock.jtl",
                                "-j",
                                "stock-jmeter.log",
                                // The open model's thread starter is a cached pool whose
                                // non-daemon thread outlives the test by its 60 s keep-alive,
                                // holding the JVM after "end of run" (seen in jstack): exit then.
                                "-Jjmeterengine.force.system.exit=true",
                                "-Jport=" + cloud.url(Target.CONTAINER).getPort())
                        .directory(run.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(run.resolve("stock-jmeter.out").toFile())
                        .start();
        assertTrue(jmeter.waitFor(180, TimeUnit.SECONDS), "stock JMeter did not finish");
        assertEquals(0, jmeter.exitValue(), Files.readString(run.resolve("stock-jmeter.out")));
        List<String> jtl = Files.readAllLines(run.resolve("stock.jtl"));
        List<String> header = Arrays.asList(jtl.get(0).split(","));
        int code = header.indexOf("responseCode");
        int connect = header.indexOf("Connect");
        System.out.println(
                "stock JMeter, open model at 10/s for 3 s: "
                        + (jtl.size() - 1)
                        + " samples; connect ms "
                        + jtl.subList(1, jtl.size()).stream()
                                .map(l -> l.split(",")[connect])
                                .toList());
        assertEquals(30, jtl.size() - 1, "10/s for 3 s, evenly spaced: 30 arrivals");
        for (String line : jtl.subList(1, jtl.size())) {
            assertEquals("200", line.split(",")[code], line);
        }
    }

    /** Assembles the stock JMeter home with Maven, once per checkout. */
    static void ensureStockJmeter() throws Exception {
        if (Files.exists(HOME.resolve("bin/ApacheJMeter.jar"))) {
            return;
        }
        String mavenHome = System.getProperty("maven.home");
        String mvn = mavenHome == null ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString();
        Process build =
                new ProcessBuilder(
                                mvn,
                                "-B",
                                "-q",
                                "-f",
                                CompareIT.ROOT.resolve("results/stock-jmeter/pom.xml").toString(),
                                "package")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                        .start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, build.exitValue(), "could not assemble stock JMeter");
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
