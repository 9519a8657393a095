package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.medcrypt.spi.Suite;
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

/** RSA-2048 key pair generation, ms per key pair (prime search: a wide spread is normal). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class RsaKeyGenBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink", Impls.RAW_JDK, Impls.RAW_CONSCRYPT, Impls.RAW_ACCP})
    public String impl;

    private RsaScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = RsaScenario.create(impl, Suite.V1_ICURE);
    }

    @Benchmark
    public Object generate() throws GeneralSecurityException {
        return scenario.generateKeyPair();
    }
}
