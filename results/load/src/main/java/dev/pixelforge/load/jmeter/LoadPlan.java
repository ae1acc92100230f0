package dev.pixelforge.load.jmeter;

import static us.abstracta.jmeter.javadsl.JmeterDsl.constantTimer;
import static us.abstracta.jmeter.javadsl.JmeterDsl.csvDataSet;
import static us.abstracta.jmeter.javadsl.JmeterDsl.httpSampler;
import static us.abstracta.jmeter.javadsl.JmeterDsl.regexExtractor;
import static us.abstracta.jmeter.javadsl.JmeterDsl.testPlan;
import static us.abstracta.jmeter.javadsl.JmeterDsl.threadGroup;

import dev.pixelforge.load.arrivals.ArrivalRate;
import dev.pixelforge.load.arrivals.Tickets;
import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.profile.Operation;
import dev.pixelforge.platform.run.RunLayout;

import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.postprocessors.DslRegexExtractor;
import us.abstracta.jmeter.javadsl.core.samplers.BaseSampler;
import us.abstracta.jmeter.javadsl.http.DslHttpSampler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one load plan, as embedded runs execute it and as {@code plan.jmx} gives it to stock JMeter:
 * where to send and how hard come from JMeter properties ({@code -Jhost}, {@code -Jthreads}, ...);
 * which image each request carries comes from a CSV Data Set; bodies stream from files, so no
 * thread holds an image in memory. Three variants share that sampler: stock JMeter's keeps four
 * regex extractors that turn the headers the report needs into variables (extra JTL columns through
 * {@code sample_variables}: stock JMeter has no recorder); the embedded one has none, as its {@link
 * SampleRecorder} reads the headers itself; the bare one has neither, to measure the client.
 */
public final class LoadPlan {

    /** The header-derived variables; stock runs pass them as {@code -Jsample_variables=...}. */
    public static final List<String> VARIABLES =
            List.of("server_timing", "pf_cold", "pf_instance", "pf_target");

    static final String CSV = RunLayout.PLAN_IMAGES;

    private LoadPlan() {}

    /** {@code plan.jmx}: the header extractors, no Java (stock JMeter cannot load a lambda). */
    public static DslTestPlan forStockJmeter(Operation operation) {
        return forStockJmeter(operation, null, false);
    }

    /**
     * {@code plan.jmx} of an open-loop run ({@code arrivals} not null): the same requests from
     * stock JMeter's Open Model Thread Group on the schedule in property {@code schedule}, by
     * default this run's, with {@link LoadRunner#OPEN_LOOP_DRAIN_SECONDS} of pause for the last
     * answers.
     */
    public static DslTestPlan forStockJmeter(
            Operation operation, ArrivalRate arrivals, boolean credential) {
        return build(
                operation,
                credential,
                arrivals == null
                        ? null
                        : "${__P(schedule,"
                                + arrivals.openModelSchedule(LoadRunner.OPEN_LOOP_DRAIN_SECONDS)
                                + ")}",
                arrivals == null,
                List.of(
                        header("server_timing", "Server-Timing"),
                        header("pf_cold", "X-PixelForge-Cold"),
                        header("pf_instance", "X-PixelForge-Instance"),
                        header("pf_target", "X-PixelForge-Target")));
    }

    /** Embedded runs: {@code recorder} after every request, and nothing else. */
    static DslTestPlan embedded(Operation operation, SampleRecorder recorder) {
        return build(
                operation,
                false,
                null,
                List.of(
                        new PlanElement(
                                "the recorder", () -> new RecordingPostProcessor(recorder))));
    }

    /**
     * {@code beforeEachRequest}: run on the requesting thread before every request (the client's
     * watch opens its window on the first).
     */
    static DslTestPlan embedded(
            Operation operation,
            boolean credential,
            SampleRecorder recorder,
            Runnable beforeEachRequest) {
        return build(
                operation,
                credential,
                null,
                List.of(
                        new PlanElement(
                                "the before-request hook",
                                () -> new BeforeRequest(beforeEachRequest)),
                        new PlanElement(
                                "the recorder", () -> new RecordingPostProcessor(recorder))));
    }

    /**
     * Open loop: as above, and before each request the thread takes its arrival from {@code
     * tickets} and waits until it is due ({@link ArrivalTimer}).
     */
    static DslTestPlan embedded(
            Operation operation,
            boolean credential,
            SampleRecorder recorder,
            Runnable beforeEachRequest,
            Tickets tickets) {
        return build(
                operation,
                credential,
                null,
                false,
                List.of(
                        new PlanElement(
                                "the before-request hook",
                                () -> new BeforeRequest(beforeEachRequest)),
                        new PlanElement("the open-loop timer", () -> new ArrivalTimer(tickets)),
                        new PlanElement(
                                "the recorder", () -> new RecordingPostProcessor(recorder))));
    }

    /**
     * Requests only: no extractor, no post-processor, no listener (what a load client costs at the
     * least).
     */
    public static DslTestPlan bare(Operation operation) {
        return bare(operation, false);
    }

    /** As {@link #bare(Operation)}, with the credential header when {@code credential}. */
    public static DslTestPlan bare(Operation operation, boolean credential) {
        return build(operation, credential, null, List.of());
    }

    /**
     * {@code openModelSchedule}: stock JMeter's Open Model Thread Group on it; null for a thread
     * group of {@code threads}.
     */
    /** One 256x256 image per request, a new seed each time (JMeter's global counter). */
    private static final String GENERATE_BODY =
            "{\"count\":1,\"size\":256,\"seed\":${__counter(FALSE,)}}";

    /**
     * {@code credential}: every request carries the {@link Credential} header, its name and value
     * JMeter properties resolved where the request is sent.
     */
    private static DslTestPlan build(
            Operation operation,
            boolean credential,
            String openModelSchedule,
            List<BaseSampler.SamplerChild> afterEachRequest) {
        return build(operation, credential, openModelSchedule, true, afterEachRequest);
    }

    /** {@code closedLoop}: each thread sends when its last answer is in, after the think time. */
    private static DslTestPlan build(
            Operation operation,
            boolean credential,
            String openModelSchedule,
            boolean closedLoop,
            List<BaseSampler.SamplerChild> afterEachRequest) {
        String base =
                "${__P(protocol,http)}://${__P(host,127.0.0.1)}:${__P(port,8080)}/"
                        + "${__P(base_path,)}";
        DslHttpSampler sampler;
        List<DslTestPlan.TestPlanChild> steps = new ArrayList<>();
        switch (operation) {
            case TONE_JSON ->
                    sampler =
                            httpSampler("${name}", base + "tone")
                                    .method("POST")
                                    .header("Content-Type", "application/json")
                                    .bodyFile("${__P(run_dir,.)}/${json_file}");
            case TONE ->
                    sampler =
                            httpSampler("${name}", base + "tone")
                                    .method("POST")
                                    .header("Content-Type", "${content_type}")
                                    .bodyFile("${__P(run_dir,.)}/${file}");
            default ->
                    sampler =
                            httpSampler("generate-256", base + "generate")
                                    .method("POST")
                                    .header("Content-Type", "application/json")
                                    .body(GENERATE_BODY);
        }
        if (credential) {
            sampler = sampler.header(Credential.HEADER_NAME, Credential.HEADER_VALUE);
        }
        List<BaseSampler.SamplerChild> children = new ArrayList<>(afterEachRequest);
        if (closedLoop) {
            // Closed loop: each thread's pause before its next request (JMeter runs a sampler's
            // timers before it), 0 unless -Jthink_ms asks for one.
            children.add(0, constantTimer("${__P(think_ms,0)}"));
        }
        sampler = sampler.children(children.toArray(new BaseSampler.SamplerChild[0]));
        if (operation != Operation.GENERATE) {
            steps.add(
                    csvDataSet("${__P(run_dir,.)}/" + CSV)
                            .variableNames("name", "format", "content_type", "file", "json_file")
                            .ignoreFirstLine());
        }
        DslTestPlan.TestPlanChild group =
                openModelSchedule != null
                        ? new OpenModelGroup(openModelSchedule, List.of(sampler))
                        : threadGroup("load")
                                .rampToAndHold(
                                        "${__P(threads,10)}",
                                        "${__P(ramp,30)}",
                                        "${__P(duration,870)}")
                                .children(sampler);
        steps.add(group);
        return testPlan(steps.toArray(new DslTestPlan.TestPlanChild[0]));
    }

    /** The CSV Data Set of the images a run sends, paths relative to the run folder. */
    public static void writeCsv(Path runDir, List<StudyImage> images) throws IOException {
        StringBuilder csv = new StringBuilder("name,format,content_type,file,json_file\n");
        for (StudyImage i : images) {
            csv.append(
                            String.join(
                                    ",",
                                    i.name(),
                                    i.format().imageIoName(),
                                    i.format().mimeType(),
                                    "images/" + i.file().getFileName(),
                                    "images/json/" + i.jsonFile().getFileName()))
                    .append('\n');
        }
        Files.writeString(runDir.resolve(CSV), csv);
    }

    // ORO regexes (JMeter's default engine): case-insensitive, as servers differ in header case.
    private static DslRegexExtractor header(String variable, String name) {
        return regexExtractor(variable, "(?i)" + name + ":\\s*([^\\r\\n]*)")
                .fieldToCheck(DslRegexExtractor.TargetField.RESPONSE_HEADERS)
                .defaultValue("");
    }
}
