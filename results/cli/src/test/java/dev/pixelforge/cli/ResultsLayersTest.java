package dev.pixelforge.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.pixelforge.core.testing.RepositoryRoot;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rooms of the code and the one direction of their doors: platform <- standins, load, report <-
 * cli, and nothing deployed knows any of them. Run at build time, so a wrong import fails the
 * build, not a review.
 */
class ResultsLayersTest {

    private static final String[] RESULTS = {
        "dev.pixelforge.platform..",
        "dev.pixelforge.standins..",
        "dev.pixelforge.simulate..",
        "dev.pixelforge.load..",
        "dev.pixelforge.report..",
        "dev.pixelforge.cli.."
    };

    /**
     * The main code of ours on this module's class path: every results module and core (tests may
     * share fixtures freely).
     */
    private static final JavaClasses OURS =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .withImportOption(
                            location ->
                                    !location.contains(
                                            "-tests.jar")) // test-jars, as a packaged reactor build
                    // resolves them
                    .importPackages("dev.pixelforge");

    /**
     * The deployables' own classes, main and test, as their builds left them (the reactor builds
     * them first).
     */
    private static final JavaClasses DEPLOYABLES =
            new ClassFileImporter().importPaths(deployableClassDirs());

    private static List<Path> deployableClassDirs() {
        List<Path> dirs =
                Stream.of("core", "aws-lambda", "gcp-function", "container")
                        .flatMap(m -> Stream.of(m + "/target/classes", m + "/target/test-classes"))
                        .map(RepositoryRoot::resolve)
                        .filter(Files::isDirectory)
                        .toList();
        assertTrue(dirs.size() >= 5, "the deployables are built before this module: " + dirs);
        return dirs;
    }

    @Test
    void packages_formNoCycle() {
        slices().matching("dev.pixelforge.(**)").should().beFreeOfCycles().check(OURS);
    }

    @Test
    void platform_dependsOnNoOtherModule_andNoFramework() {
        noClasses()
                .that()
                .resideInAPackage("dev.pixelforge.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.pixelforge.standins..",
                        "dev.pixelforge.load..",
                        "dev.pixelforge.report..",
                        "dev.pixelforge.cli..",
                        "dev.pixelforge.core..",
                        "org.apache.jmeter..",
                        "us.abstracta..",
                        "io.micronaut..",
                        "org.knowm.xchart..",
                        "picocli..")
                .because(
                        "platform holds the shared words of the whole tool: targets, profiles,"
                                + " samples")
                .check(OURS);
    }

    @Test
    void report_readsARunFolder_andKnowsNothingOfHowItWasMade() {
        noClasses()
                .that()
                .resideInAPackage("dev.pixelforge.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.pixelforge.standins..",
                        "dev.pixelforge.load..",
                        "dev.pixelforge.cli..",
                        "dev.pixelforge.core..",
                        "io.micronaut..",
                        "org.apache.jmeter..",
                        "us.abstracta..")
                .because(
                        "a report is made from the run folder alone, and can be remade at any time"
                                + " (and carries no Micronaut: its JSON is plain Jackson)")
                .check(OURS);
    }

    @Test
    void standins_knowNothingOfLoadOrReports() {
        noClasses()
                .that()
                .resideInAPackage("dev.pixelforge.standins..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.pixelforge.load..",
                        "dev.pixelforge.report..",
                        "dev.pixelforge.cli..",
                        "org.apache.jmeter..",
                        "us.abstracta..",
                        "org.knowm.xchart..")
                .because(
                        "the local cloud is a platform: it serves whatever load comes, and reports"
                                + " nothing")
                .check(OURS);
    }

    @Test
    void load_knowsNothingOfStandInsOrReports() {
        noClasses()
                .that()
                .resideInAPackage("dev.pixelforge.load..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.pixelforge.standins..",
                        "dev.pixelforge.report..",
                        "dev.pixelforge.cli..")
                .because("the load client drives any URL, local or deployed")
                .check(OURS);
    }

    @Test
    void deployables_neverImportResults() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RESULTS)
                .because("a deployable holds the function and nothing else")
                .check(DEPLOYABLES);
    }

    /** Every module of ours, main and test classes, as the reactor's build left them. */
    private static final List<String> MODULES =
            List.of(
                    "core",
                    "aws-lambda",
                    "gcp-function",
                    "container",
                    "web-ui",
                    "results/platform",
                    "results/standins",
                    "results/simulate",
                    "results/load",
                    "results/report",
                    "results/cli");

    /** A class compiled from a module's test sources (its test-classes, or a test-jar of them). */
    static final DescribedPredicate<JavaClass> TEST_CODE =
            DescribedPredicate.describe(
                    "test code",
                    c ->
                            c.getSource()
                                    .map(s -> s.getUri().toString())
                                    .filter(
                                            uri ->
                                                    uri.contains("/test-classes/")
                                                            || uri.contains("-tests.jar"))
                                    .isPresent());

    /** Main and test classes of every module, so that a main class reaching into tests shows. */
    static JavaClasses everyModule() {
        List<Path> dirs =
                MODULES.stream()
                        .flatMap(m -> Stream.of(m + "/target/classes", m + "/target/test-classes"))
                        .map(RepositoryRoot::resolve)
                        .filter(Files::isDirectory)
                        .toList();
        return new ClassFileImporter().importPaths(dirs);
    }

    @Test
    void mainCode_neverDependsOnTestCode() {
        noClasses()
                .that(DescribedPredicate.not(TEST_CODE))
                .should()
                .dependOnClassesThat(TEST_CODE)
                .because(
                        "production code compiled against a test jar breaks when tests change;"
                                + " shared code goes in the main code of the module it belongs"
                                + " to")
                .check(everyModule());
    }
}
