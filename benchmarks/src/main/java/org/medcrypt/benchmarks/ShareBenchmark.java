package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
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
 * Sharing a 1,000-contact record with a new party ({@link ShareScenario}) in each suite, ms per
 * share. Each share starts from a fresh copy of the store, made outside the measurement (an
 * operation takes tens of milliseconds, so per-invocation set-up does not distort it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ShareBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    public String provider;

    @Param({"v1", "v2"})
    public String suite;

    @Param({"1000"})
    public int contacts;

    private ShareScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = new ShareScenario(provider, Scheme.suite(suite), contacts);
        scenario.verify();
    }

    @Setup(Level.Invocation)
    public void freshStore() {
        scenario.prepare();
    }

    @Benchmark
    public int share() {
        return scenario.share();
    }
}
