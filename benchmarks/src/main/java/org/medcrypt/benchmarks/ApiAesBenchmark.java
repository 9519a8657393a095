package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code encryptedSelf} through the api ({@link ApiAesScenario}) in each suite; compared in the
 * table with the raw rows of {@link AesBenchmark} of the same size: v1 with AES-128-CBC, v2 with
 * AES-256-GCM. Each trial first warms the JIT up ({@link ApiAesScenario#warmUp}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ApiAesBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    public String provider;

    @Param({"v1", "v2"})
    public String suite;

    @Param({"1024", "65536", "1048576"})
    public int size;

    private ApiAesScenario scenario;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws GeneralSecurityException {
        scenario = new ApiAesScenario(provider, Scheme.suite(suite), size);
        scenario.verify();
        ApiAesScenario.warmUp(provider, Scheme.suite(suite), scenario, params.getBenchmark().endsWith(".encrypt"));
    }

    @Benchmark
    public Patient encrypt() {
        return scenario.encrypt();
    }

    @Benchmark
    public DecryptedEntity<Patient> decrypt() {
        return scenario.decrypt();
    }
}
