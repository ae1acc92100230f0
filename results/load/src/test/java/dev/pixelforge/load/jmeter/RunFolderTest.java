package dev.pixelforge.load.jmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

class RunFolderTest {

    private static final LocalDateTime SAME_SECOND = LocalDateTime.of(2026, 12, 1, 22, 15, 30);

    @Test
    void newFolder_forTwoRunsInTheSameSecond_givesTwoFolders(@TempDir Path runs) throws Exception {
        Path first = RunFolder.newFolder(runs, SAME_SECOND, "quick");
        Path second = RunFolder.newFolder(runs, SAME_SECOND, "quick");
        assertEquals("20261201-221530-quick", first.getFileName().toString());
        assertEquals("20261201-221530-quick-2", second.getFileName().toString());
    }

    @Test
    void newFolder_forRunsStartedAtOnce_givesEachItsOwn(@TempDir Path runs) throws Exception {
        int runsAtOnce = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runsAtOnce);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Path>> made = new ArrayList<>();
            for (int i = 0; i < runsAtOnce; i++) {
                Callable<Path> create =
                        () -> {
                            go.await();
                            return RunFolder.newFolder(runs, SAME_SECOND, "quick");
                        };
                made.add(pool.submit(create));
            }
            go.countDown();
            Set<Path> distinct = new TreeSet<>();
            for (Future<Path> f : made) {
                distinct.add(f.get());
            }
            assertEquals(runsAtOnce, distinct.size());
            try (var listed = Files.list(runs)) {
                assertEquals(runsAtOnce, listed.count());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
