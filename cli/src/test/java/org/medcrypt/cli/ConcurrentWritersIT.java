package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.Dataset;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Issue 9, item 4 as it was found: {@code share} and {@code add-party} on one dataset file, run
 * as two processes at once. Each lands, or exits {@link ExitCodes#CONFLICT} having written
 * nothing; no run exits 0 with its change missing from the file.
 */
class ConcurrentWritersIT {

    @TempDir
    Path folder;

    @BeforeAll
    static void findJar() {
        JarIT.findJar();
    }

    @Test
    void twoProcessesWritingOneDatasetNeverLoseAChange() throws IOException {
        Path demo = folder.resolve("demo");
        JarIT.medcrypt("demo", "--out", demo.toString()).assertOk();
        JarIT.medcrypt("keygen", "--id", "E", "--out", demo.toString()).assertOk();
        int rounds = 4;
        int landedBoth = 0;
        int conflicts = 0;
        for (int i = 0; i < rounds; i++) {
            Path dataset = folder.resolve("dataset-" + i + ".json");
            Files.copy(demo.resolve("dataset.json"), dataset);
            CompletableFuture<JarIT.Run> share = CompletableFuture.supplyAsync(() -> JarIT.medcrypt("share",
                    "--dataset", dataset.toString(), "--as", "A", "--key", demo.resolve("A.key").toString(),
                    "--with", "D", "--entity", "1234"), Threads.EACH);
            CompletableFuture<JarIT.Run> addParty = CompletableFuture.supplyAsync(() -> JarIT.medcrypt("add-party",
                    "--dataset", dataset.toString(), "--id", "E", "--public-key", demo.resolve("E.pub").toString()), Threads.EACH);
            JarIT.Run shared = share.join();
            JarIT.Run added = addParty.join();
            InMemoryEntityStore after = Dataset.read(dataset).toStore();
            boolean shareKept = after.patient("1234").orElseThrow().allDelegations(DelegationKind.DELEGATIONS).stream()
                    .anyMatch(d -> d.delegatedTo().equals("D"));
            boolean partyKept = after.party("E").isPresent();
            for (JarIT.Run run : new JarIT.Run[] {shared, added}) {
                assertThat(run.exitCode()).as("round %s: %s", i, run).isIn(ExitCodes.OK, ExitCodes.CONFLICT);
                if (run.exitCode() == ExitCodes.CONFLICT) {
                    assertThat(run.err()).contains("changed since this command read it", "run the command again");
                    conflicts++;
                }
            }
            assertThat(shareKept).as("round %s: share exited %s", i, shared.exitCode()).isEqualTo(shared.exitCode() == 0);
            assertThat(partyKept).as("round %s: add-party exited %s", i, added.exitCode()).isEqualTo(added.exitCode() == 0);
            if (shareKept && partyKept) {
                landedBoth++;
            }
        }
        System.out.printf("ConcurrentWritersIT: %d rounds, 0 lost, both landed in %d, %d runs exited %d (changed, retry)%n",
                rounds, landedBoth, conflicts, ExitCodes.CONFLICT);
    }
}
