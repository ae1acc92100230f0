package dev.pixelforge.cli;

import dev.pixelforge.cli.bench.ClientBench;
import dev.pixelforge.cli.bench.KernelVersusPillow;
import dev.pixelforge.cli.bench.ModelBench;
import dev.pixelforge.cli.bench.PeerCheck;
import dev.pixelforge.cli.bench.WildBenchImages;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./pixelforge bench kernel}: PixelForge and its peer, the same inputs, one run, side by
 * side; {@code ./pixelforge bench client}: the embedded load client against stock JMeter and wrk;
 * {@code ./pixelforge bench model}: the scale model's machine-dependent figures ({@link
 * ModelBench}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmarks: kernel (PixelForge vs Pillow), client (the embedded load client vs"
                        + " stock JMeter and wrk), model (CPU share, scale invariance, scale-out"
                        + " of the stand-ins on this machine).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WHAT", description = "kernel, client or model")
    String what;

    @Option(
            names = "--seconds",
            defaultValue = "15",
            description = "client: seconds per client (default 15).")
    int seconds;

    @Option(
            names = "--connections",
            defaultValue = "20",
            description = "client: connections (threads) of every client (default 20).")
    int connections;

    @Option(
            names = "--runs",
            defaultValue = "9",
            description = "Timed runs per image and side (the median is kept).")
    int runs;

    @Option(
            names = "--measured",
            defaultValue = "5",
            description =
                    "model: measured requests per side of a CPU-share pair, after 3 left out"
                            + " (default 5).")
    int measured;

    @Option(
            names = "--no-scale-out",
            description = "model: leave out the Cloud Run scale-out row (a quick compare run).")
    boolean noScaleOut;

    @Option(names = "--root", defaultValue = ".", description = "Repository root.")
    Path root;

    @Override
    public Integer call() throws Exception {
        if (what.equals("model")) {
            return model();
        }
        if (what.equals("client")) {
            try {
                ClientBench.run(
                        root, new ClientBench.Settings(connections, seconds, 20), System.out);
                return 0;
            } catch (IllegalStateException e) {
                System.err.println("pixelforge bench client: " + e.getMessage());
                return 1;
            }
        }
        if (!what.equals("kernel")) {
            System.err.println(
                    "pixelforge bench: no benchmark '"
                            + what
                            + "': kernel, client, model (and ./pixelforge bench http, jmh)");
            return 2;
        }
        try {
            PeerCheck.pillow(root);
        } catch (IllegalStateException e) {
            System.err.println("pixelforge bench: " + e.getMessage());
            return 1;
        }
        List<StudyImage> study = StudyImageSet.in(root.resolve("results/runs/images")).images();
        // Files from the wild after the study's set: a CMYK JPEG, a phone photo stored sideways
        // (EXIF 6).
        List<StudyImage> images = new ArrayList<>(study);
        images.addAll(WildBenchImages.in(root.resolve("results/runs/images/wild")));
        List<KernelVersusPillow.Row> rows =
                KernelVersusPillow.run(
                        images,
                        runs,
                        root.resolve("results/runs/bench-kernel"),
                        root.resolve("results/bench/pillow_kernel.py"),
                        System.out);
        double gray = KernelVersusPillow.grayKernelGbPerSecond(study.get(study.size() - 1), runs);
        System.out.println();
        System.out.println(
                "decode + gray + encode in the same format (JPEG quality 75), warm, median of "
                        + runs
                        + " runs; "
                        + System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version")
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores");
        System.out.print(KernelVersusPillow.table(rows));
        System.out.println();
        System.out.print(KernelVersusPillow.goals(rows.subList(0, study.size()), gray));
        return 0;
    }

    private int model() throws Exception {
        if (measured < 1) {
            System.err.println("pixelforge bench model: --measured must be at least 1");
            return 2;
        }
        Path runs = root.resolve("results/runs/bench-model");
        try {
            ModelBench.run(
                    root,
                    new ModelBench.Settings(
                            3, measured, 20, noScaleOut ? null : () -> quickContainerRun(runs)),
                    System.out);
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("pixelforge bench model: " + e.getMessage());
            return 1;
        }
    }

    /** The quick profile on the Cloud Run stand-in, as a user runs it; its run folder. */
    private Path quickContainerRun(Path runs) throws Exception {
        int exit =
                new CommandLine(new PixelForgeCli())
                        .execute(
                                "compare",
                                "--root",
                                root.toString(),
                                "--runs",
                                runs.toString(),
                                "--targets",
                                "container");
        if (exit != 0) {
            throw new IllegalStateException("the quick compare run exited " + exit);
        }
        try (Stream<Path> all = Files.list(runs)) {
            return all.filter(p -> p.getFileName().toString().contains("-quick"))
                    .max(Path::compareTo)
                    .orElseThrow(() -> new IllegalStateException("no quick run under " + runs));
        }
    }
}
