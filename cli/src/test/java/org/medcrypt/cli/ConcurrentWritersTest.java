package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.Dataset;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Two commands writing one dataset file at once (issue 9, item 4): {@code share} and
 * {@code add-party} both exited 0 and one change was lost, 4 times out of 4. Now each lands or
 * fails with exit {@link ExitCodes#CONFLICT} and "changed … run the command again"; never a
 * silent loss.
 */
class ConcurrentWritersTest {

    @TempDir
    static Path demo;

    @TempDir
    Path folder;

    @BeforeAll
    static void makeTheDemoDataset() {
        Cli.run("demo", "--out", demo.toString()).assertOk();
        Cli.run("keygen", "--id", "E", "--out", demo.toString()).assertOk();
    }

    /** Outcome of one round: how the two commands exited and what the file kept. */
    record Round(Cli.Result share, Cli.Result addParty, boolean shareKept, boolean partyKept) {
        boolean lost() {
            return (share.exitCode() == 0 && !shareKept) || (addParty.exitCode() == 0 && !partyKept);
        }
    }

    private Round round(int number, Runnable beforeBothStart) throws IOException {
        Path dataset = folder.resolve("dataset-" + number + ".json");
        Files.copy(demo.resolve("dataset.json"), dataset);
        CountDownLatch start = new CountDownLatch(1);
        beforeBothStart.run();
        CompletableFuture<Cli.Result> share = CompletableFuture.supplyAsync(() -> {
            await(start);
            return Cli.run("share", "--dataset", dataset.toString(), "--as", "A", "--key",
                    demo.resolve("A.key").toString(), "--with", "D", "--entity", "1234");
        }, Threads.EACH);
        CompletableFuture<Cli.Result> addParty = CompletableFuture.supplyAsync(() -> {
            await(start);
            return Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key",
                    demo.resolve("E.pub").toString());
        }, Threads.EACH);
        start.countDown();
        InMemoryEntityStore after = Dataset.read(dataset).toStore();
        Round round = new Round(share.join(), addParty.join(),
                after.patient("1234").orElseThrow().allDelegations(DelegationKind.DELEGATIONS).stream()
                        .anyMatch(d -> d.delegatedTo().equals("D")),
                after.party("E").isPresent());
        // re-read: the commands may have finished after the first read above
        after = Dataset.read(dataset).toStore();
        return new Round(round.share(), round.addParty(),
                after.patient("1234").orElseThrow().allDelegations(DelegationKind.DELEGATIONS).stream()
                        .anyMatch(d -> d.delegatedTo().equals("D")),
                after.party("E").isPresent());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertLandedOrToldToRetry(Round round) {
        for (Cli.Result result : List.of(round.share(), round.addParty())) {
            if (result.exitCode() != 0) {
                result.assertFails(ExitCodes.CONFLICT);
                assertThat(result.err()).contains("changed", "nothing was written", "run the command again");
            }
        }
        assertThat(round.lost()).as("a command exited 0 but its change is not in the file: %s", round).isFalse();
        assertThat(round.shareKept()).isEqualTo(round.share().exitCode() == 0);
        assertThat(round.partyKept()).isEqualTo(round.addParty().exitCode() == 0);
    }

    /**
     * Both commands have read the file before either writes (they wait for each other): exactly
     * one lands, the other is told to retry, and its retry lands too.
     */
    @Test
    void whenBothReadBeforeEitherWritesOneLandsAndTheOtherIsToldToRetry() throws Exception {
        CyclicBarrier bothRead = new CyclicBarrier(2);
        Round round;
        try {
            round = round(100, () -> DatasetFile.beforeWrite = () -> {
                try {
                    bothRead.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the other command did not reach its write", e);
                }
            });
        } finally {
            DatasetFile.beforeWrite = () -> { };
        }
        assertLandedOrToldToRetry(round);
        assertThat(List.of(round.share().exitCode(), round.addParty().exitCode()))
                .containsExactlyInAnyOrder(ExitCodes.OK, ExitCodes.CONFLICT);
        Cli.Result loser = round.share().exitCode() == ExitCodes.CONFLICT ? round.share() : round.addParty();
        assertThat(loser.err()).contains("dataset file", "changed since this command read it");
        assertThat(loser.out()).isEmpty();

        Path dataset = folder.resolve("dataset-100.json");
        if (round.share().exitCode() == ExitCodes.CONFLICT) {
            Cli.run("share", "--dataset", dataset.toString(), "--as", "A", "--key", demo.resolve("A.key").toString(),
                    "--with", "D", "--entity", "1234").assertOk();
        } else {
            Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key",
                    demo.resolve("E.pub").toString()).assertOk();
        }
        InMemoryEntityStore after = Dataset.read(dataset).toStore();
        assertThat(after.party("E")).isPresent();
        assertThat(after.patient("1234").orElseThrow().allDelegations(DelegationKind.DELEGATIONS))
                .anyMatch(d -> d.delegatedTo().equals("D"));
    }

    @Test
    void shareAndAddPartyAtOnceNeverLoseAChange() throws IOException {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rounds.add(round(i, () -> { }));
        }
        assertThat(rounds.stream().filter(Round::lost).count()).as("rounds of %s that lost a change: %s",
                rounds.size(), rounds).isZero();
        rounds.forEach(ConcurrentWritersTest::assertLandedOrToldToRetry);
    }
}
