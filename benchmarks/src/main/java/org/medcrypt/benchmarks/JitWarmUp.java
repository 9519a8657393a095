package org.medcrypt.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Brings a short measurement past the JIT's warm-up, for the quick profile's 0.1 s warm-ups. The
 * JDK runs AES (and GHASH, SHA-2) through C2 intrinsics only once the methods around them are
 * compiled by C2, which takes thousands of calls: 1 MiB messages take the JDK ~11 s to get there,
 * so a 0.1 s warm-up measured C1 code (GCM at 1 MiB: 35–65 MB/s instead of ~3.5 GB/s).
 *
 * <p>{@link #run} first makes calls count: thousands of calls of a cheap operation (the same code
 * on small inputs) with the measured operation itself every so many calls, so that its own
 * branches are in the profile C2 compiles from. Then, since C2 compiles in the background and a
 * loaded machine lags, it repeats the measured operation until the JIT has compiled nothing for
 * {@value #QUIET_MS} ms (at most {@value #MAX_WAIT_MS} ms). Counts, not time, decide the first
 * phase: the same work on a busy machine. The full profile's long warm-ups come on top.
 */
final class JitWarmUp {

    static final long QUIET_MS = 150;
    static final long MAX_WAIT_MS = 1_500;
    /** Scales the call counts; below 1 also skips waiting for C2 (the smoke test runs every trial once). */
    static final String SCALE_PROPERTY = "medcrypt.benchmarks.warmUpScale";

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
        double scale = Double.parseDouble(System.getProperty(SCALE_PROPERTY, "1"));
        int calls = (int) Math.ceil(smallCalls * scale);
        int period = Math.max(1, (int) Math.ceil(every * scale));
        try {
            for (int i = 1; i <= calls; i++) {
                small.run();
                if (i % period == 0) {
                    measured.run();
                }
            }
            CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
            if (scale < 1 || jit == null || !jit.isCompilationTimeMonitoringSupported()) {
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
