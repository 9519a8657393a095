package org.medcrypt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * CI's smoke check: every {@code @Benchmark} method runs once, in this JVM, on small parameters
 * (every provider and raw baseline, 1 KiB, 10 contacts). Fails if one throws. Seconds, not a
 * measurement.
 */
class BenchmarksSmokeTest {

    @Test
    void everyBenchmarkMethodRunsOnce() throws Exception {
        Options options = new OptionsBuilder()
                .include("org\\.medcrypt\\.benchmarks\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(1))
                .param("size", "1024")
                .param("contacts", "10")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> ran = results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(ran).isEqualTo(declaredBenchmarks());
        // every provider id and raw baseline ran where a benchmark takes it
        Set<String> impls = results.stream().map(r -> r.getParams().getParam("impl"))
                .filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        assertThat(impls).containsExactlyInAnyOrder("jca", "conscrypt", "bouncycastle", "tink", "raw-jdk", "raw-conscrypt");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void openingFromFiveDelegatorsCostsFiveRsaOperationsColdAndNoneWarm() throws Exception {
        for (String provider : Impls.PROVIDERS) {
            assertThat(new RecordScenario(provider, 25, false).verify().rsaOperations()).as(provider).isEqualTo(5);
            assertThat(new RecordScenario(provider, 25, true).verify().rsaOperations()).as(provider).isZero();
        }
    }

    /** The benchmark methods the annotation processor registered. */
    private static Set<String> declaredBenchmarks() throws Exception {
        Set<String> names = new TreeSet<>();
        try (InputStream in = BenchmarksSmokeTest.class.getResourceAsStream("/META-INF/BenchmarkList");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                // each line starts with "JMH S <length> <user class> S <length> <generated class> S <length> <method>"
                String[] parts = line.split(" ");
                if (parts.length > 9 && parts[0].equals("JMH")) {
                    names.add(parts[3] + "." + parts[9]);
                }
            }
        }
        assertThat(names).isNotEmpty();
        return names;
    }
}
