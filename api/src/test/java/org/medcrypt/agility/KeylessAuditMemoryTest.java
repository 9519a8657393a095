package org.medcrypt.agility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyless audit streams: a 200 MB dataset is audited by a JVM whose whole heap is 128 MB
 * (a tree of the file would need several times its size), and every entity is counted.
 */
class KeylessAuditMemoryTest {

    private static final long DATASET_BYTES = 200L << 20;
    private static final String HEAP = "-Xmx128m";

    @TempDir
    Path folder;

    @Test
    void aDatasetLargerThanTheHeapIsAuditedWhole() throws IOException, InterruptedException {
        Path dataset = folder.resolve("large.json");
        long entities = LargeDatasets.write(dataset, DATASET_BYTES);
        long size = Files.size(dataset);
        assertThat(size).isGreaterThanOrEqualTo(DATASET_BYTES);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), HEAP, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), KeylessAuditInSmallHeap.class.getName(), dataset.toString()))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the audit finishes").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isZero();
        String[] figures = output.lines().reduce((first, last) -> last).orElseThrow().split(" ");
        assertThat(Long.parseLong(figures[0])).isEqualTo(entities);
        assertThat(Long.parseLong(figures[1])).isEqualTo(size);
        assertThat(Long.parseLong(figures[3])).as("max heap").isLessThan(size);
        System.out.printf("keyless audit of %,d bytes (%,d entities) with %s: %.1f s, %.0f MB/s%n", size, entities, HEAP,
                Double.parseDouble(figures[2]), size / 1e6 / Double.parseDouble(figures[2]));
    }
}
