package dev.pixelforge.cli;

import dev.pixelforge.load.images.StudyImage;
import dev.pixelforge.load.images.StudyImageSet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Makes the image set if it is not there yet, and lists it. */
@Command(
        name = "images",
        mixinStandardHelpOptions = true,
        description = "Make (once) and list the study-like image set.")
final class ImagesCommand implements Callable<Integer> {

    @Option(names = "--root", defaultValue = ".", description = "Repository root.")
    Path root;

    @Override
    public Integer call() throws Exception {
        StudyImageSet set = StudyImageSet.in(root.resolve("results/runs/images"));
        for (StudyImage i : set.images()) {
            System.out.printf(
                    "%-16s %5dx%-5d %-4s %9d bytes  %s%n",
                    i.name(), i.width(), i.height(), i.format().imageIoName(), i.bytes(), i.file());
        }
        return 0;
    }
}
