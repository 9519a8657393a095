package org.medcrypt.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Brings a short measurement past the JIT's warm-up, for the quick profile's 0.1 s warm-ups. The
 * JDK runs AES (and GHASH, SHA-2) through C2 intrinsics only once the methods around them are
 * compiled by C2, which takes thousands of calls: a few hundred 1 MiB messages take the JDK ~10 s
 * to get there, so a 0.1 s warm-up measured its interpreter (35 MB/s instead of ~3.7 GB/s for GCM).
 *
 * <p>{@link #run} first makes calls count: tens of thousands of calls of a cheap operation (the
 * same code on small messages) with the measured operation itself every so many calls, so that
 * its own branches (the JDK splits messages over 64 KiB) are in the profile C2 compiles from. Then, since C2 compiles in the background and a loaded machine lags, it repeats the
 * measured operation until the JIT has compiled nothing for {@value #QUIET_MS} ms (at most
 * {@value #MAX_WAIT_MS} ms). Counts, not time, decide the first phase: the same work on a busy
 * machine. The full profile's 30 s warm-ups make this redundant but harmless.
 */
final class JitWarmUp {

    static final long QUIET_MS = 150;
    static final long MAX_WAIT_MS = 2_500;

    /** An operation of the benchmark, run for its effect on the JIT only. */
    @FunctionalInterface
    interface Operation {
        Object run() throws Exception;
    }

    private JitWarmUp() {
    }

    /**
     * Warms up {@code measured} with {@code small}.
     *
     * @param small the same code path on small inputs, cheap enough to call tens of thousands of times
     * @param smallCalls how many times
     * @param measured what the benchmark measures, also called once every {@code every} small calls
     */
    static void run(Operation small, int smallCalls, Operation measured, int every) {
        try {
            for (int i = 1; i <= smallCalls; i++) {
                small.run();
                if (i % every == 0) {
                    measured.run();
                }
            }
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
                return;
            }
            long start = System.nanoTime();
            long lastChange = start;
            long compiled = jit.getTotalCompilationTime();
            while (true) {
                measured.run();
                long now = System.nanoTime();
                long total = jit.getTotalCompilationTime();
                if (total != compiled) {
                    compiled = total;
                    lastChange = now;
                }
                if (now - lastChange >= QUIET_MS * 1_000_000 || now - start >= MAX_WAIT_MS * 1_000_000) {
                    return;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("warm-up failed", e);
        }
    }
}
