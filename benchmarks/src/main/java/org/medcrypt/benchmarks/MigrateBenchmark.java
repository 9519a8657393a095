package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code migrate --to v2}, warm ({@link MigrateScenario}): the score is entities per second (one
 * invocation migrates {@value MigrateScenario#ENTITIES} entities). The target: at least
 * 10,000 entities/s on the best provider. Each invocation starts from a fresh copy of the v1 store,
 * made outside the measurement (an invocation takes tens of milliseconds).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(MigrateScenario.ENTITIES)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class MigrateBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    public String provider;

    @Param({"false", "true"})
    public boolean keepV1;

    private MigrateScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = new MigrateScenario(provider, keepV1);
        scenario.verify();
        // 30 runs (30,000 entities) put the per-entity code through C2 before the quick profile's
        // 0.1 s warm-ups; each run starts from a fresh copy, as measured
        JitWarmUp.run(this::freshRun, 30, this::freshRun, 30);
        scenario.prepare();
    }

    private int freshRun() {
        scenario.prepare();
        return scenario.migrate();
    }

    @Setup(Level.Invocation)
    public void freshStore() {
        scenario.prepare();
    }

    @Benchmark
    public int migrate() {
        return scenario.migrate();
    }
}
