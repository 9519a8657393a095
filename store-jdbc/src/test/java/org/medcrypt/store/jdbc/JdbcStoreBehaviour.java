package org.medcrypt.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;

/**
 * What the SQL store must do beyond the conformance kit, on each dialect: no lost update and no
 * deadlock with 8 threads on two stores over one database (two processes), atomic multi-document
 * updates under contention, index rows that follow a replaced document, and streams that give
 * their connection back.
 */
abstract class JdbcStoreBehaviour {

    @TempDir
    Path folder;

    TestDatabases databases;
    JdbcEntityStores.Builder settings;

    /** Settings of a new, empty store of the dialect under test. */
    abstract JdbcEntityStores.Builder newSettings();

    @BeforeEach
    void openDatabases() {
        databases = new TestDatabases();
        settings = newSettings();
    }

    @AfterEach
    void closeDatabases() throws Exception {
        databases.close();
    }

    static Patient patient(String id, String json) {
        ObjectNode document = MedcryptJson.parseObject("{\"id\":\"" + id + "\"," + json + "}", "test patient");
        return Patient.fromJson(document);
    }

    static int number(EncryptableEntity<?> entity, String field) {
        return entity.field(field).orElseThrow().asInt();
    }

    static Patient with(Patient patient, String field, int value) {
        ObjectNode fields = MedcryptJson.nodes().objectNode().put(field, value);
        return patient.withFields(fields);
    }

    @Test
    void eightThreadsOnTwoStoresOverOneDatabaseLoseNoUpdateAndNeverDeadlock() throws Exception {
        JdbcEntityStore first = databases.open(settings);
        JdbcEntityStore second = databases.open(settings); // another pool: as another process would
        int accounts = 4;
        int threads = 8;
        int operations = 60;
        List<Patient> initial = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            initial.add(patient("account-" + i, "\"counter\":0,\"balance\":100"));
        }
        first.saveAll(List.of(), initial);

        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JdbcEntityStore store = t % 2 == 0 ? first : second;
            done.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int op = 0; op < operations; op++) {
                    int from = random.nextInt(accounts);
                    int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                    while (true) {
                        // count one operation on "from" and move one unit of balance from "from" to "to",
                        // both or neither: expectations on both revisions
                        Patient a = store.patient("account-" + from).orElseThrow();
                        Patient b = store.patient("account-" + to).orElseThrow();
                        Patient a2 = with(with(a, "counter", number(a, "counter") + 1), "balance", number(a, "balance") - 1);
                        Patient b2 = with(b, "balance", number(b, "balance") + 1);
                        UpdateResult result = store.apply(StoreUpdate.builder()
                                .expectUnchanged(a).expectUnchanged(b).save(a2).save(b2).build());
                        if (result.applied()) {
                            break;
                        }
                        conflicts.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).as("all writers finished (no deadlock)").isTrue();
        for (Future<?> future : done) {
            future.get();
        }
        int counted = 0;
        int balance = 0;
        for (int i = 0; i < accounts; i++) {
            Patient account = second.patient("account-" + i).orElseThrow();
            counted += number(account, "counter");
            balance += number(account, "balance");
        }
        assertThat(counted).as("every applied update is counted once (none lost)").isEqualTo(threads * operations);
        assertThat(balance).as("no transfer half-applied").isEqualTo(accounts * 100);
        assertThat(conflicts.get()).as("the writers did contend").isPositive();
    }

    @Test
    void aConflictingUpdateChangesNothingAndNamesTheChangedDocument() {
        JdbcEntityStore store = databases.open(settings);
        Patient a = (Patient) store.save(patient("a", "\"note\":\"one\",\"secretForeignKeys\":[\"k1\"]"));
        Patient b = (Patient) store.save(patient("b", "\"note\":\"one\""));
        Patient newerB = (Patient) store.save(with(b, "v", 2));

        UpdateResult result = store.apply(StoreUpdate.builder()
                .expectUnchanged(a).expectUnchanged(b)
                .save(a.withSecretForeignKeys(List.of("k2"))).save(with(b, "v", 3))
                .build());

        assertThat(result.applied()).isFalse();
        assertThat(result.conflicts()).containsExactly(UpdateResult.Conflict.entity(EntityType.PATIENT, "b"));
        assertThat(store.patient("a")).contains(a);
        assertThat(store.patient("b")).contains(newerB);
        assertThat(store.bySecretForeignKey(EntityType.PATIENT, "k1")).containsExactly(a);
        assertThat(store.bySecretForeignKey(EntityType.PATIENT, "k2")).isEmpty();
    }

    @Test
    void anExpectedAbsentDocumentThatExistsIsAConflict() {
        JdbcEntityStore store = databases.open(settings);
        store.save(patient("p", "\"note\":\"first\""));
        UpdateResult result = store.apply(StoreUpdate.builder()
                .expectAbsent(EntityType.PATIENT, "p").save(patient("p", "\"note\":\"second\"")).build());
        assertThat(result.conflicts()).containsExactly(UpdateResult.Conflict.entity(EntityType.PATIENT, "p"));
        assertThat(store.patient("p").orElseThrow().field("note").orElseThrow().asText()).isEqualTo("first");
    }

    @Test
    void indexRowsFollowTheReplacedDocument() {
        JdbcEntityStore store = databases.open(settings);
        String delegation = "{\"owner\":\"A\",\"delegatedTo\":\"%s\",\"key\":\"00\"}";
        Patient first = (Patient) store.save(patient("p", "\"secretForeignKeys\":[\"old\"],\"delegations\":{\"A\":["
                + delegation.formatted("A") + "],\"B\":[" + delegation.formatted("B") + "]}"));
        Patient second = (Patient) store.save(patient("p", "\"rev\":\"" + first.rev().orElseThrow()
                + "\",\"secretForeignKeys\":[\"new\",\"new\"],\"delegations\":{\"A\":[" + delegation.formatted("A")
                + "],\"C\":[" + delegation.formatted("C") + "]}"));

        assertThat(store.bySecretForeignKey(EntityType.PATIENT, "old")).isEmpty();
        assertThat(store.bySecretForeignKey(EntityType.PATIENT, "new")).containsExactly(second);
        try (Stream<EncryptableEntity<?>> b = store.sharedWith(EntityType.PATIENT, "B");
             Stream<EncryptableEntity<?>> c = store.sharedWith(EntityType.PATIENT, "C")) {
            assertThat(b).isEmpty();
            assertThat(c).containsExactly(second);
        }
        assertThat(second.rev().orElseThrow()).startsWith("2-");
    }

    @Test
    void streamsGiveTheirConnectionBackWhenClosedOrReadToTheEnd() {
        JdbcEntityStore store = databases.open(settings.maximumPoolSize(2));
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            patients.add(patient(String.format("p%04d", 1199 - i), "\"n\":" + i));
        }
        store.saveAll(List.of(), patients);
        for (int i = 0; i < 20; i++) {
            try (Stream<EncryptableEntity<?>> all = store.scanEntities(EntityType.PATIENT)) {
                assertThat(all.limit(3).map(EncryptableEntity::id)).containsExactly("p1199", "p1198", "p1197");
            }
            assertThat(store.scanEntities(EntityType.PATIENT).count()).as("read to the end").isEqualTo(1200);
        }
        assertThat(store.patient("p0000")).isPresent();
    }

    @Test
    void reopeningMigratesNothingAndKeepsTheDocuments() {
        JdbcEntityStore store = databases.open(settings);
        Patient saved = (Patient) store.save(patient("p", "\"unknown\":{\"nested\":[1,2.50,\"x\",null,true]}"));
        store.close();
        JdbcEntityStore again = databases.open(settings);
        assertThat(again.patient("p")).contains(saved);
        assertThat(again.patient("p").orElseThrow().toJson()).isEqualTo(saved.toJson());
    }

    @Test
    void aBatchOfIdsIsReadInTheirOrderEachOnce() {
        JdbcEntityStore store = databases.open(settings);
        List<Patient> patients = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            patients.add(patient("id-" + i, "\"n\":" + i));
            ids.add("id-" + (1099 - i));
        }
        store.saveAll(List.of(), patients);
        ids.add("missing");
        ids.add("id-5");
        var found = store.entities(EntityType.PATIENT, ids);
        assertThat(found).hasSize(1100);
        assertThat(new ArrayList<>(found.keySet()).subList(0, 2)).containsExactly("id-1099", "id-1098");
        assertThat(found.get("id-5").field("n").orElseThrow().asInt()).isEqualTo(5);
    }

    @Test
    void aPartyChangedThroughAnotherPoolIsReadAtOnceAndAnUnchangedOneIsTheSameInstance() {
        JdbcEntityStore first = databases.open(settings);
        JdbcEntityStore second = databases.open(settings);
        HealthcareParty saved = first.saveParty(HealthcareParty.of("A", "30" + "ab".repeat(40)));
        HealthcareParty read = first.party("A").orElseThrow();
        assertThat(read).isEqualTo(saved);
        assertThat(first.party("A").orElseThrow()).as("unchanged: the same instance (the api memoises per instance)")
                .isSameAs(read);

        HealthcareParty changed = second.saveParty(read.withPublicKey("30" + "cd".repeat(40)));
        assertThat(readAfterAnotherProcessCommitted(() -> first.party("A"), changed))
                .as("changed by another process: read anew").contains(changed);
        assertThat(first.partiesByKeyFingerprint(KeyFingerprint.of("30" + "cd".repeat(40)))).containsExactly(changed);
        assertThat(first.partiesByKeyFingerprint(KeyFingerprint.of("30" + "ab".repeat(40)))).isEmpty();
    }

    /**
     * What {@code read} returns once a change another process committed is visible to this store:
     * at once on SQLite; on PostgreSQL once the change's notification arrived (a few milliseconds).
     */
    abstract <T> T readAfterAnotherProcessCommitted(java.util.function.Supplier<T> read, Object expected);

    @Test
    void aBadUrlIsAClearError() {
        assertThatThrownBy(() -> JdbcEntityStores.open("mysql://x/y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqlite:PATH");
        assertThatThrownBy(() -> JdbcEntityStores.open("sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a file");
        assertThat(Optional.of(JdbcEntityStores.handles("jdbc:postgresql://h/db"))).contains(true);
        assertThat(JdbcEntityStores.handles("data.json")).isFalse();
    }
}
