package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.medcrypt.spi.OaepParameters;
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

/** Pair-key unwrapping: RSA-2048 OAEP decryption of a 32-byte key ({@link RsaScenario}). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RsaBenchmark {

    @Param({"jca", "conscrypt", "bouncycastle", "tink", Impls.RAW_JDK, Impls.RAW_CONSCRYPT})
    public String impl;

    @Param({"SHA1_MGF1_SHA1", "SHA256_MGF1_SHA256"})
    public String oaep;

    private RsaScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = RsaScenario.create(impl, OaepParameters.valueOf(oaep));
        scenario.verify();
    }

    @Benchmark
    public byte[] unwrap() throws GeneralSecurityException {
        return scenario.unwrap();
    }
}
