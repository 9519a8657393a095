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
 * AES throughput, one message per operation (MB/s = ops/s × size / 10^6, done by
 * {@link ResultsTable}): medcrypt's SPI per provider, and the raw JDK / Conscrypt / ACCP {@code Cipher}.
 * Each trial first warms the JIT up with many smaller messages ({@link AesScenario#warmUp}), which
 * gets the JDK's 1 MiB AES path compiled in about a second instead of ~20 s; the full profile
 * warms up 30 s on top.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class AesBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink", Impls.RAW_JDK, Impls.RAW_CONSCRYPT, Impls.RAW_ACCP})
    public String impl;

    @Param({"CBC", "GCM"})
    public String mode;

    @Param({"1024", "65536", "1048576"})
    public int size;

    private AesScenario scenario;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws GeneralSecurityException {
        scenario = AesScenario.create(impl, AesMode.valueOf(mode), size);
        scenario.verify();
        AesScenario.warmUp(impl, AesMode.valueOf(mode), scenario, size, params.getBenchmark().endsWith(".encrypt"));
    }

    @Benchmark
    public byte[] encrypt() throws GeneralSecurityException {
        return scenario.encrypt();
    }

    @Benchmark
    public byte[] decrypt() throws GeneralSecurityException {
        return scenario.decrypt();
    }
}
