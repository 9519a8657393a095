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
import org.medcrypt.spi.Suite;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * CI's smoke check: every {@code @Benchmark} method runs once, in this JVM, on small parameters
 * (every provider and raw baseline, both suites, 1 KiB, 10 contacts). Fails if one throws. Seconds,
 * not a measurement.
 */
class BenchmarksSmokeTest {

    private static final Set<String> NARROWED = Set.of("size", "contacts");

    @Test
    void everyBenchmarkMethodRunsOnce() throws Exception {
        // not a measurement: the JIT warm-ups run a few calls only, and a JMH run elsewhere on the
        // machine (which holds JMH's lock file) does not stop the build
        System.setProperty(JitWarmUp.SCALE_PROPERTY, "0.001");
        System.setProperty("jmh.ignoreLock", "true");
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
        assertThat(impls).containsExactlyInAnyOrder("jca", "accp", "conscrypt", "bouncycastle", "tink", "raw-jdk",
                "raw-conscrypt", "raw-accp");
        // and each benchmark ran with every value of its @Param fields (but the narrowed size and contacts)
        for (String benchmark : ran) {
            Class<?> type = Class.forName(benchmark.substring(0, benchmark.lastIndexOf('.')));
            for (java.lang.reflect.Field field : type.getFields()) {
                Param declared = field.getAnnotation(Param.class);
                if (declared == null || NARROWED.contains(field.getName())) {
                    continue;
                }
                Set<String> values = results.stream().filter(r -> r.getParams().getBenchmark().equals(benchmark))
                        .map(r -> r.getParams().getParam(field.getName())).collect(Collectors.toSet());
                assertThat(values).as(benchmark + " " + field.getName()).containsExactlyInAnyOrder(declared.value());
            }
        }
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void openingFromFiveDelegatorsCostsFiveRsaOperationsAndVerificationsColdAndNoneWarm() throws Exception {
        for (String provider : Impls.PROVIDERS) {
            for (Suite suite : Suite.values()) {
                RecordScenario.Opened cold = new RecordScenario(provider, suite, 25, false).verify();
                assertThat(cold.rsaOperations()).as(provider + " " + suite).isEqualTo(5);
                assertThat(cold.signatureVerifications()).as(provider + " " + suite).isEqualTo(5);
                RecordScenario.Opened warm = new RecordScenario(provider, suite, 25, true).verify();
                assertThat(warm.rsaOperations()).as(provider + " " + suite).isZero();
                assertThat(warm.signatureVerifications()).as(provider + " " + suite).isZero();
            }
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
