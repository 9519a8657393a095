package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The progress of import and export: lines or a bar, on stderr, at their pace. */
class ProgressTest {

    @Test
    void progressLinesGoToStderrAndNeverToStdout() {
        FakeClock clock = new FakeClock();
        java.io.StringWriter lines = new java.io.StringWriter();
        java.io.StringWriter bar = new java.io.StringWriter();
        Progress progress = Progress.start(Progress.Mode.LINES, new java.io.PrintWriter(lines, true),
                new java.io.PrintWriter(bar, true), "import", 10_000_000, clock);
        progress.update(10, 1_000_000);
        clock.now += 1_000_000_000L;
        progress.update(20, 2_000_000);
        assertThat(lines.toString()).as("quiet for two seconds").isEmpty();
        clock.now += 1_500_000_000L;
        progress.update(30, 2_500_000);
        clock.now += 500_000_000L;
        progress.update(40, 3_000_000);
        progress.finish(40, 10_000_000);
        assertThat(lines.toString()).isEqualTo("medcrypt: import: 25% (2.5 of 10.0 MB), 30 documents, 3 s\n");
        assertThat(bar.toString()).isEmpty();

        Progress drawn = Progress.start(Progress.Mode.BAR, new java.io.PrintWriter(lines, true),
                new java.io.PrintWriter(bar, true), "export", 1000, clock);
        drawn.update(1, 500);
        drawn.finish(2, 1000);
        assertThat(bar.toString()).isEqualTo("\rexport [###############...............] 50% (0.0 of 0.0 MB), 1 documents, 0 s"
                + "\rexport [##############################] 100% (0.0 of 0.0 MB), 2 documents, 0 s\n");
    }

    /** A clock the test moves. */
    private static final class FakeClock implements java.util.function.LongSupplier {
        long now = 1_000L;

        @Override
        public long getAsLong() {
            return now;
        }
    }
}
