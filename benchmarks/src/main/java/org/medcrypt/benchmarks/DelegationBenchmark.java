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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The per-entity work of opening a record, at the SPI level and raw ({@link DelegationScenario}),
 * in each suite: one small key (delegation) unwrap, one contact's {@code encryptedSelf} decryption.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class DelegationBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink", Impls.RAW_JDK, Impls.RAW_CONSCRYPT, Impls.RAW_ACCP})
    public String impl;

    @Param({"v1", "v2"})
    public String suite;

    private DelegationScenario scenario;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws GeneralSecurityException {
        scenario = DelegationScenario.create(impl, Scheme.suite(suite));
        scenario.verify();
        // microseconds an operation: the operation is its own cheap warm-up (JitWarmUp)
        JitWarmUp.Operation measured = params.getBenchmark().endsWith(".unwrap") ? scenario::unwrap : scenario::contentDecrypt;
        JitWarmUp.run(measured, 20_000, measured, 1_000);
    }

    @Benchmark
    public byte[] unwrap() throws GeneralSecurityException {
        return scenario.unwrap();
    }

    @Benchmark
    public byte[] contentDecrypt() throws GeneralSecurityException {
        return scenario.contentDecrypt();
    }
}
