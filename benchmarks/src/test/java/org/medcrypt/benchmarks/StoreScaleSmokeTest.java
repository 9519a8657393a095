package org.medcrypt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.store.jdbc.JdbcEntityStore;

/**
 * {@link StoreScale} on a tiny data set, in SQLite, as part of the build: every phase runs and
 * checks what it checks (every contact read, every cascade complete, no lost update). Seconds,
 * not a measurement: the figures are in the README, from the load command.
 */
class StoreScaleSmokeTest {

    @TempDir
    Path folder;

    @Test
    void everyPhaseRunsOnATinyStore() throws Exception {
        StoreScale.Settings settings = StoreScale.Settings.parse("--store", "sqlite:" + folder.resolve("scale.db"),
                "--patients", "48", "--contacts", "3", "--big-patients", "4", "--big-contacts", "25",
                "--cold-samples", "4", "--warm-runs", "4", "--cascade-samples", "2", "--sharers", "8",
                "--shared-patients", "3");
        StoreScale.Figures figures;
        try (JdbcEntityStore store = settings.open()) {
            figures = new StoreScale(settings).run(store);
        }
        assertThat(figures.importedEntities).isEqualTo(48 * 4 + 4 * 26);
        assertThat(figures.coldSmall.total).hasSize(4);
        assertThat(figures.coldBig.total).hasSize(1);
        assertThat(figures.cascade.total).hasSize(2);
        assertThat(figures.lostUpdates).isZero();
    }
}
