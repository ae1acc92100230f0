package dev.pixelforge.load.jmeter;

import dev.pixelforge.load.profile.Operation;

import static us.abstracta.jmeter.javadsl.JmeterDsl.csvDataSet;
import static us.abstracta.jmeter.javadsl.JmeterDsl.httpSampler;
import static us.abstracta.jmeter.javadsl.JmeterDsl.jsr223PostProcessor;
import static us.abstracta.jmeter.javadsl.JmeterDsl.regexExtractor;
import static us.abstracta.jmeter.javadsl.JmeterDsl.testPlan;
import static us.abstracta.jmeter.javadsl.JmeterDsl.threadGroup;

import dev.pixelforge.load.images.StudyImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.abstracta.jmeter.javadsl.core.DslTestPlan;
import us.abstracta.jmeter.javadsl.core.postprocessors.DslJsr223PostProcessor;
import us.abstracta.jmeter.javadsl.core.postprocessors.DslRegexExtractor;
import us.abstracta.jmeter.javadsl.http.DslHttpSampler;

/**
 * The one load plan, as embedded runs execute it and as {@code plan.jmx} gives it to stock JMeter:
 * where to send and how hard come from JMeter properties ({@code -Jhost}, {@code -Jthreads}, ...);
 * which image each request carries comes from a CSV Data Set; bodies stream from files, so no
 * thread holds an image in memory. Response headers the report needs become variables, written as
 * extra JTL columns through {@code sample_variables}.
 */
public final class LoadPlan {

    /** The header-derived variables; stock runs pass them as {@code -Jsample_variables=...}. */
    public static final List<String> VARIABLES = List.of("server_timing", "pf_cold", "pf_instance", "pf_target");
    static final String CSV = "plan-images.csv";

    private LoadPlan() {
    }

    /**
     * The plan for {@code operation}. {@code perSample} runs after every request in embedded runs;
     * give null for the plan stock JMeter loads (it cannot load a Java lambda).
     */
    public static DslTestPlan build(Operation operation, DslJsr223PostProcessor.PostProcessorScript perSample) {
        String base = "${__P(protocol,http)}://${__P(host,127.0.0.1)}:${__P(port,8080)}/${__P(base_path,)}";
        DslHttpSampler sampler;
        List<DslTestPlan.TestPlanChild> steps = new ArrayList<>();
        switch (operation) {
            case TONE_JSON -> sampler = httpSampler("${name}", base + "tone").method("POST")
                    .header("Content-Type", "application/json").bodyFile("${__P(run_dir,.)}/${json_file}");
            case TONE -> sampler = httpSampler("${name}", base + "tone").method("POST")
                    .header("Content-Type", "${content_type}").bodyFile("${__P(run_dir,.)}/${file}");
            default -> sampler = httpSampler("generate-256", base + "generate").method("POST")
                    .header("Content-Type", "application/json")
                    .body("{\"count\":1,\"size\":256,\"seed\":${__counter(FALSE,)}}");
        }
        sampler = sampler.children(
                header("server_timing", "Server-Timing"),
                header("pf_cold", "X-PixelForge-Cold"),
                header("pf_instance", "X-PixelForge-Instance"),
                header("pf_target", "X-PixelForge-Target"));
        if (perSample != null) {
            sampler = sampler.children(jsr223PostProcessor(perSample));
        }
        if (operation != Operation.GENERATE) {
            steps.add(csvDataSet("${__P(run_dir,.)}/" + CSV)
                    .variableNames("name", "format", "content_type", "file", "json_file").ignoreFirstLine());
        }
        DslTestPlan.TestPlanChild group = threadGroup("load")
                .rampToAndHold("${__P(threads,10)}", "${__P(ramp,30)}", "${__P(duration,870)}")
                .children(sampler);
        steps.add(group);
        return testPlan(steps.toArray(new DslTestPlan.TestPlanChild[0]));
    }

    /** The CSV Data Set of the images a run sends, paths relative to the run folder. */
    public static void writeCsv(Path runDir, List<StudyImage> images) throws IOException {
        StringBuilder csv = new StringBuilder("name,format,content_type,file,json_file\n");
        for (StudyImage i : images) {
            csv.append(String.join(",", i.name(), i.format().imageIoName(), i.format().mimeType(),
                    "images/" + i.file().getFileName(), "images/json/" + i.jsonFile().getFileName())).append('\n');
        }
        Files.writeString(runDir.resolve(CSV), csv);
    }

    // ORO regexes (JMeter's default engine): case-insensitive, as servers differ in header case.
    private static DslRegexExtractor header(String variable, String name) {
        return regexExtractor(variable, "(?i)" + name + ":\\s*([^\\r\\n]*)")
                .fieldToCheck(DslRegexExtractor.TargetField.RESPONSE_HEADERS).defaultValue("");
    }
}
