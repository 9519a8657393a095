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

/** Pair-key signature verification, Ed25519 ({@link Ed25519Scenario}). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Ed25519Benchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink", Impls.RAW_JDK, Impls.RAW_ACCP})
    public String impl;

    private Ed25519Scenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = Ed25519Scenario.create(impl);
        scenario.check();
        // ~0.1 ms an operation, each thousands of field operations: a few hundred calls warm it up
        JitWarmUp.run(scenario::verify, 500, scenario::verify, 100);
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        return scenario.verify();
    }
}
