package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;
import dev.pixelforge.load.profile.LoadProfile;
import dev.pixelforge.platform.run.RunLayout;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's folder, {@code results/runs/<timestamp>-<profile>/}: its inputs (images, the CSV Data
 * Set, {@code plan.jmx}) next to what it records, so the plan runs from the folder with relative
 * paths, in the embedded engine or in stock JMeter.
 */
public final class RunFolder {

    private RunFolder() {}

    /**
     * A new run folder under {@code runsDir}, with the images up to the profile's size linked in.
     */
    public static Path create(Path runsDir, LoadProfile profile, StudyImageSet images)
            throws IOException {
        Path dir = newFolder(runsDir, LocalDateTime.now(), profile.name());
        populate(dir, profile.maxImagePixels(), images);
        return dir;
    }

    /**
     * {@code dir} made a run folder (a sweep's step, inside the sweep's folder); it must not exist
     * yet.
     */
    public static Path createAt(Path dir, LoadProfile profile, StudyImageSet images)
            throws IOException {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        populate(dir, profile.maxImagePixels(), images);
        return dir;
    }

    /**
     * What the plan reads in a run folder: the images linked in, and the CSV Data Set of those up
     * to {@code maxImagePixels}.
     */
    static void populate(Path dir, long maxImagePixels, StudyImageSet images) throws IOException {
        Files.createDirectories(dir.resolve("images/json"));
        for (StudyImage i : images.images()) {
            link(i.file(), dir.resolve("images").resolve(i.file().getFileName()));
            link(i.jsonFile(), dir.resolve("images/json").resolve(i.jsonFile().getFileName()));
        }
        link(images.base64Csv(), dir.resolve("images").resolve(images.base64Csv().getFileName()));
        LoadPlan.writeCsv(dir, sentImages(maxImagePixels, images));
    }

    /**
     * {@code <timestamp>-<profile>}, or with {@code -2}, {@code -3}, ... when a run started in the
     * same second has it: every run gets a folder of its own, even two started at once, because
     * creating a directory either makes it or fails, atomically.
     */
    public static Path newFolder(Path runsDir, LocalDateTime startedAt, String profile)
            throws IOException {
        Files.createDirectories(runsDir);
        String name =
                startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + profile;
        for (int n = 1; ; n++) {
            try {
                return Files.createDirectory(runsDir.resolve(n == 1 ? name : name + "-" + n));
            } catch (FileAlreadyExistsException taken) {
                // another run has this name: try the next
            }
        }
    }

    public static List<StudyImage> sentImages(LoadProfile profile, StudyImageSet images) {
        return sentImages(profile.maxImagePixels(), images);
    }

    private static List<StudyImage> sentImages(long maxImagePixels, StudyImageSet images) {
        return images.images().stream().filter(i -> i.pixels() <= maxImagePixels).toList();
    }

    /** {@code plan.jmx} and {@code plan.properties}: the run's plan for stock Apache JMeter. */
    public static void writePlan(Path runDir, LoadProfile profile) throws IOException {
        writePlan(runDir, profile, false);
    }

    /**
     * As above; {@code credential}: a target of the run was private, so the plan sends the {@link
     * Credential} header, its value read at run time from a property named in {@code
     * plan.properties}, never written there.
     */
    public static void writePlan(Path runDir, LoadProfile profile, boolean credential)
            throws IOException {
        LoadPlan.forStockJmeter(profile.operation(), profile.arrivals(), credential)
                .saveAsJmx(runDir.resolve(RunLayout.PLAN_JMX).toString());
        List<String> load =
                profile.openLoop()
                        ? List.of(
                                "# Open loop: JMeter's Open Model Thread Group starts a thread per"
                                        + " arrival on this schedule (the run's,",
                                "# "
                                        + profile.arrivals().describe()
                                        + ", then a pause for the last answers), however many are"
                                        + " still in flight:",
                                "# it has no thread cap (this run's embedded client had "
                                        + profile.threads()
                                        + " threads), so none waits for a free",
                                "# thread, and JMeter's round trips there are from the actual send."
                                        + " Threads left at the end are interrupted.",
                                "schedule="
                                        + profile.arrivals()
                                                .openModelSchedule(
                                                        LoadRunner.OPEN_LOOP_DRAIN_SECONDS))
                        : List.of(
                                "# duration is seconds at full load, after the ramp-up.",
                                "threads=" + profile.threads(),
                                "ramp=" + profile.rampSeconds(),
                                "duration=" + profile.holdSeconds());
        List<String> lines =
                new ArrayList<>(
                        List.of(
                                "# Stock Apache JMeter 5.6.3, from this folder:",
                                "#   jmeter -n -t plan.jmx -q plan.properties -l results.jtl"
                                        + " -Jhost=<host> -Jport=<port>",
                                "# Any line here can be given as -Jkey=value instead.",
                                "protocol=http",
                                "host=127.0.0.1",
                                "port=8080",
                                "base_path="));
        lines.addAll(load);
        if (credential) {
            lines.addAll(
                    List.of(
                            "# A private target's credential, as a header whose value is never in"
                                    + " this folder: the plan sends",
                            "# <auth_header>: <the property named by auth_secret>. Read it from a"
                                    + " file (mode 0600) with -q, so",
                            "# it is on no command line: API Gateway's key, from the deploy"
                                    + " scripts' secrets file,",
                            "#   jmeter ... -q results/targets.properties.secrets"
                                    + " -Jauth_header=x-api-key -Jauth_secret=aws-lambda.api-key",
                            "# a Google identity token, from a file of your own holding"
                                    + " auth_value=Bearer <token>,",
                            "#   jmeter ... -q <that file> -Jauth_header=Authorization"
                                    + " -Jauth_secret=auth_value",
                            "# Without them the header is X-PixelForge-Access: public."));
        }
        lines.addAll(
                List.of(
                        "# the header values the report needs, as extra JTL columns",
                        "sample_variables=" + String.join(",", LoadPlan.VARIABLES),
                        "# keep at most 64 KiB of each response in memory (the rest is read and"
                                + " counted)",
                        "httpsampler.max_bytes_to_store_per_request="
                                + LoadRunner.STORED_RESPONSE_BYTES,
                        ""));
        Files.writeString(runDir.resolve(RunLayout.PLAN_PROPERTIES), String.join("\n", lines));
    }

    /** Hard links: a run folder holds its inputs without copying tens of MB each run. */
    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException exists) {
            // made by an earlier attempt at this folder
        } catch (UnsupportedOperationException | IOException otherFileSystem) {
            Files.copy(from, to);
        }
    }
}
