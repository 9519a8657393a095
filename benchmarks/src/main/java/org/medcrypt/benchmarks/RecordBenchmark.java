package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a record of N contacts from 5 delegators ({@link RecordScenario}) in each suite, ms per
 * opening. The RSA operations and pair-key signature verifications are counted ({@code
 * rsaOperations}, {@code signatureVerifications} / {@code opens} secondary metrics): 5 of each
 * with a cold cache, 0 with a warm one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RecordBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    public String provider;

    @Param({"v1", "v2"})
    public String suite;

    @Param({"10", "1000"})
    public int contacts;

    @Param({"cold", "warm"})
    public String cache;

    private RecordScenario scenario;

    /** Events per iteration; the table divides one by the other. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long rsaOperations;
        public long signatureVerifications;
        public long opens;

        @Setup(Level.Iteration)
        public void reset() {
            rsaOperations = 0;
            signatureVerifications = 0;
            opens = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = new RecordScenario(provider, Scheme.suite(suite), contacts, cache.equals("warm"));
        scenario.verify();
        // opening with the warm cache runs the per-contact code 20,000 times (JitWarmUp); the cold
        // trials' RSA and signature work warms up within JMH's own warm-up
        int opens = Math.max(20, 20_000 / contacts);
        JitWarmUp.run(scenario::openWarm, opens, scenario::openWarm, opens);
    }

    @Benchmark
    public RecordScenario.Opened open(Counts counts) {
        RecordScenario.Opened opened = scenario.open();
        counts.rsaOperations += opened.rsaOperations();
        counts.signatureVerifications += opened.signatureVerifications();
        counts.opens++;
        return opened;
    }
}
