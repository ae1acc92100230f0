package dev.pixelforge.core.image;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;

/** The kernel stays plain Java, and works on whole rasters. */
class KernelArchitectureTest {

    private static final JavaClasses KERNEL =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.pixelforge.core.image");

    @Test
    void kernel_importsNoMicronaut() {
        noClasses()
                .that()
                .resideInAPackage("dev.pixelforge.core.image..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micronaut..", "jakarta.inject..")
                .because("the kernel must run and be tested without a framework")
                .check(KERNEL);
    }

    @Test
    void kernel_neverTouchesPixelsOneAtATimeThroughBufferedImage() {
        noClasses()
                .that()
                .resideInAPackage("dev.pixelforge.core.image..")
                .should()
                .callMethod(BufferedImage.class, "getRGB", int.class, int.class)
                .orShould()
                .callMethod(BufferedImage.class, "setRGB", int.class, int.class, int.class)
                .because("per-pixel getRGB/setRGB costs a colour-model call per pixel")
                .check(KERNEL);
    }
}
