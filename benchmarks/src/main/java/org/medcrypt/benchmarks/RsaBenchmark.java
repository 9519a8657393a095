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
 * Pair-key unwrapping: RSA-2048 OAEP decryption of a 32-byte key ({@link RsaScenario}) as each
 * suite wraps it: v1 OAEP-SHA-1 without label, v2 OAEP-SHA-256 with the pair's label.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RsaBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink", Impls.RAW_JDK, Impls.RAW_CONSCRYPT, Impls.RAW_ACCP})
    public String impl;

    @Param({"v1", "v2"})
    public String suite;

    private RsaScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = RsaScenario.create(impl, Scheme.suite(suite));
        scenario.verify();
        // ~1 ms an operation, each thousands of BigInteger calls: a hundred calls warm it up
        JitWarmUp.run(scenario::unwrap, 100, scenario::unwrap, 50);
    }

    @Benchmark
    public byte[] unwrap() throws GeneralSecurityException {
        return scenario.unwrap();
    }
}
