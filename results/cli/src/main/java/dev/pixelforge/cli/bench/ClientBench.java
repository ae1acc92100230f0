package dev.pixelforge.cli.bench;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.jmeter.LoadPlan;
import dev.pixelforge.load.jmeter.RunFolder;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.load.profile.Operation;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * {@code ./pixelforge bench client}: what the load client costs. One container stand-in instance,
 * one 25x25 PNG as the studies' JSON body, the same connections and seconds for three clients in
 * turn: the embedded client as compare runs it (full recording), stock JMeter on a bare plan, and
 * wrk. A benchmark, not a test: it prints figures and checks nothing.
 */
public final class ClientBench {

    static final String IMAGE = "025x025-png";

    /**
     * How hard and how long: each client gets {@code seconds}, after {@code warmupSeconds} of wrk
     * for the server's JIT.
     */
    public record Settings(int connections, int seconds, int warmupSeconds) {}

    private ClientBench() {}

    /** Runs the three clients and prints the table, then the summary line; returns that line. */
    public static String run(Path repository, Settings s, PrintStream out)
            throws IOException, InterruptedException, TimeoutException {
        Path root =
                repository
                        .toAbsolutePath()
                        .normalize(); // children run in the run folder: every path they get is
        // absolute
        Wrk.ensure(root);
        StockJmeter.ensure(root);
        StudyImageSet images = StudyImageSet.in(root.resolve("results/runs/images"));
        StudyImage image =
                images.images().stream()
                        .filter(i -> i.name().equals(IMAGE))
                        .findFirst()
                        .orElseThrow(
                                () -> new IllegalStateException("the image set has no " + IMAGE));
        LoadProfile profile =
                new LoadProfile(
                        "bench-client",
                        s.connections(),
                        0,
                        s.seconds(),
                        Operation.TONE_JSON,
                        image.pixels());
        Path runDir = RunFolder.create(root.resolve("results/runs/bench-client"), profile, images);
        LoadPlan.writeCsv(
                runDir, List.of(image)); // one body for all three clients, as wrk can only send one
        Path body = image.jsonFile().toAbsolutePath();

        ClientRun embedded;
        ClientRun stock;
        ClientRun wrk;
        String cpu;
        try (ContainerStandIn standIn =
                ContainerStandIn.start(
                        root, runDir.resolve("local"), runDir.resolve("stand-in.log"))) {
            cpu = standIn.cpu();
            out.println(
                    "stand-in: Cloud Run, one instance (max-instances=1), own process, "
                            + standIn.url()
                            + "; "
                            + cpu);
            out.println(
                    "cold start: "
                            + standIn.firstAnswer(body)
                            + "; warm-up: wrk for "
                            + s.warmupSeconds()
                            + " s (the instance's JIT; not counted)");
            Wrk.warmUp(root, body, runDir, standIn.url(), s.connections(), s.warmupSeconds());
            out.println("embedded client, " + s.seconds() + " s ...");
            embedded = EmbeddedClient.run(runDir, standIn.url(), profile, out);
            out.println("stock JMeter, bare plan, " + s.seconds() + " s ...");
            stock = StockJmeter.run(root, runDir, standIn.url(), s.connections(), s.seconds());
            out.println("wrk, " + s.seconds() + " s ...");
            wrk = Wrk.run(root, body, runDir, "wrk", standIn.url(), s.connections(), s.seconds());
        }
        out.println();
        out.println(
                String.format(
                        Locale.ROOT,
                        "POST /tone, %s as base64 JSON, %d connections, %d s per client, one after"
                            + " another; client and stand-in share this machine (%d cores, shared"
                            + " with other work; CPU isolation not needed for a client benchmark);"
                            + " run folder %s",
                        IMAGE,
                        s.connections(),
                        s.seconds(),
                        Runtime.getRuntime().availableProcessors(),
                        runDir));
        out.println(ClientRun.header());
        for (ClientRun r : List.of(embedded, stock, wrk)) {
            out.println(r.row());
        }
        String last = ClientRun.summary(embedded, stock, wrk);
        out.println(last);
        return last;
    }
}
