package dev.pixelforge.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The results modules' dependencies point one way: platform <- standins, load, report <- cli.
 * platform knows none of the others and no framework; standins, load and report know platform
 * (and core) but not each other; only cli wires them. Main classes only: tests may cross.
 */
class ResultsLayersTest {

    private static final JavaClasses RESULTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.pixelforge.platform", "dev.pixelforge.standins", "dev.pixelforge.load",
                    "dev.pixelforge.report", "dev.pixelforge.cli");

    @Test
    void platform_dependsOnNoOtherModule_andNoFramework() {
        noClasses().that().resideInAPackage("dev.pixelforge.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pixelforge.standins..", "dev.pixelforge.load..",
                        "dev.pixelforge.report..", "dev.pixelforge.cli..", "dev.pixelforge.core..",
                        "org.apache.jmeter..", "us.abstracta.jmeter..", "io.micronaut..", "org.knowm.xchart..", "picocli..")
                .because("platform is what every other results module shares: targets, profiles, instance records, samples")
                .check(RESULTS);
    }

    @Test
    void standins_knowNeitherLoadNorReportNorCli() {
        noClasses().that().resideInAPackage("dev.pixelforge.standins..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pixelforge.load..", "dev.pixelforge.report..", "dev.pixelforge.cli..")
                .because("the local cloud runs without a load generator or a report")
                .check(RESULTS);
    }

    @Test
    void load_knowsNeitherStandinsNorReportNorCli() {
        noClasses().that().resideInAPackage("dev.pixelforge.load..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pixelforge.standins..", "dev.pixelforge.report..", "dev.pixelforge.cli..")
                .because("load runs against any URL, local or deployed, and only records samples")
                .check(RESULTS);
    }

    @Test
    void report_knowsNeitherStandinsNorLoadNorCli() {
        noClasses().that().resideInAPackage("dev.pixelforge.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pixelforge.standins..", "dev.pixelforge.load..", "dev.pixelforge.cli..")
                .because("a report is made from a run folder alone, never from the code that measured it")
                .check(RESULTS);
    }
}
