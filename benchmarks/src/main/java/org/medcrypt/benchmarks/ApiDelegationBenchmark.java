package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.Set;
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

/** One delegation unwrapped through the api ({@link ApiDelegationScenario}), in each suite. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ApiDelegationBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    public String provider;

    @Param({"v1", "v2"})
    public String suite;

    private ApiDelegationScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = new ApiDelegationScenario(provider, Scheme.suite(suite));
        JitWarmUp.run(scenario::unwrap, 20_000, scenario::unwrap, 1_000);
    }

    @Benchmark
    public Set<String> unwrap() {
        return scenario.unwrap();
    }
}
