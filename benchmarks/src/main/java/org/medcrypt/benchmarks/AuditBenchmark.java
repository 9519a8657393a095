package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.medcrypt.agility.AuditReport;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The keyless audit on one thread ({@link AuditScenario}): the primary score is whole audits per
 * second of a dataset of {@code datasetBytes} bytes (64 MiB by default; the exact size, a little over it, is
 * printed at set-up), and the secondary score {@code megabytes} is MB/s (10^6 bytes) of dataset
 * read. The target: at least 100 MB/s on one core. No crypto provider is involved.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
@State(Scope.Benchmark)
public class AuditBenchmark {

    /** Minimum dataset size in bytes (not {@code size}: the quick profile sets that one for the AES cases). */
    @Param({"67108864"})
    public int datasetBytes;

    private AuditScenario scenario;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        scenario = new AuditScenario(datasetBytes);
        scenario.verify();
        System.out.printf("%nAuditBenchmark: dataset of %,d bytes%n", scenario.bytes());
    }

    /** MB of dataset read, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Read {
        public double megabytes;
    }

    @Benchmark
    public AuditReport keylessAudit(Read read) {
        AuditReport report = scenario.audit();
        read.megabytes += scenario.bytes() / 1e6;
        return report;
    }
}
