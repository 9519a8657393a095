package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.ConflictException;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Eight threads, 100,000 mixed operations each (decrypt, share, create), on one
 * {@link DelegationService}, one {@link InMemoryEntityStore} and one pair-key cache, per provider.
 * Party A's service does everything: it creates patients and contacts in v1 and v2, shares its own
 * entities and those that B to E shared with it, and decrypts them all, checking each text.
 *
 * <p>Afterwards: no operation failed; every entity created is in the store and opens, with the
 * text it was created with, for its creator and for every party a share reported success for (no
 * lost delegation), and for every delegate the store lists; each pair of parties has exactly one
 * pair key per suite (no key created twice in a race); and the RSA private-key operations A's
 * provider made are at most the pair keys A can open times the number of threads (each thread
 * may at worst miss the cache once per key, before another thread's unwrapped key lands in it).
 * The count comes from a provider wrapper, not from the api's own counters.
 *
 * <p>The operation count is the (100,000 per thread); {@code -Dmedcrypt.stress.operations}
 * changes it for a quick local run only.
 */
class ConcurrencyStressTest {

    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = Integer.getInteger("medcrypt.stress.operations", 100_000);
    /** Out of 100: create below CREATE, share below SHARE, decrypt above. */
    private static final int CREATE = 10;
    private static final int SHARE = 30;
    /** How many times a share reads the entity again when another thread changed it between read and call. */
    private static final int STALE_READ_ATTEMPTS = 100;
    private static final List<String> OTHERS = List.of("B", "C", "D", "E");
    private static final List<String> PARTIES = List.of("A", "B", "C", "D", "E");

    static final List<String> PROVIDERS = TestParties.PROVIDERS;

    /** An entity the test knows: where it is, who made it, what it says, and who it was shared with. */
    private record Known(EntityType type, String id, String creator, String text, Set<String> sharedWith) {
        Known(EntityType type, String id, String creator, String text) {
            this(type, id, creator, text, ConcurrentHashMap.newKeySet());
        }

        String field() {
            return type == EntityType.PATIENT ? "note" : "descr";
        }
    }

    /** A list that threads append to and read from at random, without a lock. */
    private static final class Registry {
        private final AtomicReferenceArray<Known> items;
        private final AtomicInteger size = new AtomicInteger();

        Registry(int capacity) {
            items = new AtomicReferenceArray<>(capacity);
        }

        void add(Known known) {
            items.set(size.getAndIncrement(), known);
        }

        /** A random item; null if none yet or if the chosen slot is still being filled. */
        Known random(SplittableRandom random) {
            int n = size.get();
            return n == 0 ? null : items.get(random.nextInt(n));
        }

        List<Known> all() {
            List<Known> all = new ArrayList<>(size.get());
            for (int i = 0; i < size.get(); i++) {
                all.add(items.get(i));
            }
            return all;
        }
    }

    private static final class Counts {
        final LongAdder creates = new LongAdder();
        final LongAdder shares = new LongAdder();
        final LongAdder decrypts = new LongAdder();
        final LongAdder skipped = new LongAdder();
        final LongAdder staleReads = new LongAdder();
        final LongAdder errors = new LongAdder();
        final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

        void error(String what, Throwable e) {
            errors.increment();
            if (firstErrors.size() < 10) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                firstErrors.add(what + ": " + trace);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("PROVIDERS")
    void eightThreadsOnOneServiceLoseNothingAndUnwrapEachPairKeyAtMostOncePerThread(String providerId) throws Exception {
        CryptoProvider plain = TestParties.provider(providerId);
        EntityStore store = TestParties.newStore();
        int capacity = THREADS * OPERATIONS_PER_THREAD + 100;
        Registry entities = new Registry(capacity);
        Registry patients = new Registry(capacity);
        seed(plain, store, entities, patients);

        CountingProvider counting = new CountingProvider(plain);
        DelegationService a = DelegationService.builder().provider(counting).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8("A", counting, List.of(TestParties.rsaPkcs8("A"), TestParties.signingPkcs8("A"))))
                .build();

        Counts counts = new Counts();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long began;
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                running.add(pool.submit(() -> {
                    start.await();
                    run(a, store, thread, entities, patients, counts);
                    return null;
                }));
            }
            began = System.nanoTime();
            start.countDown();
            for (Future<?> future : running) {
                future.get(2, TimeUnit.HOURS); // a guard against a deadlock, not a timing assertion
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        long operations = counts.creates.sum() + counts.shares.sum() + counts.decrypts.sum() + counts.skipped.sum()
                + counts.errors.sum();
        int pairKeys = pairKeysOf("A", store);
        long bound = (long) pairKeys * THREADS;
        System.out.printf("stress %s: %,d operations (%,d creates, %,d shares, %,d decrypts, %,d skipped, %,d errors; %,d shares read the entity again after another thread changed it)"
                + " by %d threads in %.1f s; RSA private-key operations %d (bound %d = %d pair keys x %d threads);"
                + " the api's own count %d%n",
                providerId, operations, counts.creates.sum(), counts.shares.sum(), counts.decrypts.sum(), counts.skipped.sum(),
                counts.errors.sum(), counts.staleReads.sum(), THREADS, seconds, counting.rsaDecryptions(), bound, pairKeys, THREADS,
                a.pairKeyCache().rsaOperations());

        assertThat(counts.firstErrors).as("errors (%d in all)", counts.errors.sum()).isEmpty();
        assertThat(counts.errors.sum()).isZero();
        assertThat(operations).isEqualTo((long) THREADS * OPERATIONS_PER_THREAD);

        // one pair key per pair and suite: no race created a second one
        for (String owner : PARTIES) {
            HealthcareParty document = store.party(owner).orElseThrow();
            for (String delegate : document.pairKeyEntryDelegates()) {
                Map<String, Long> bySuite = new TreeMap<>();
                document.pairKeyEntries(delegate).forEach(entry -> bySuite.merge(entry.suite(), 1L, Long::sum));
                assertThat(bySuite.values()).as("pair keys %s -> %s by suite: %s", owner, delegate, bySuite)
                        .allMatch(n -> n == 1L);
            }
        }
        // A's own pair keys: with itself and each other party, in both suites
        assertThat(pairKeysOf("A", store)).isEqualTo(2 * (1 + OTHERS.size()) + 2 * OTHERS.size());

        assertThat(counting.rsaDecryptions()).isPositive().isLessThanOrEqualTo(bound);

        verifyNothingLost(plain, store, entities, counts);
    }

    // ---------------------------------------------------------------- the workload

    private static void run(DelegationService a, EntityStore store, int thread, Registry entities, Registry patients,
            Counts counts) {
        SplittableRandom random = new SplittableRandom(0x5eed_0000L + thread);
        for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
            int kind = random.nextInt(100);
            if (kind < CREATE) {
                create(a, store, "t" + thread + "-" + i, random, entities, patients, counts);
            } else if (kind < SHARE) {
                share(a, store, random, entities, counts);
            } else {
                decrypt(a, store, random, entities, counts);
            }
        }
    }

    private static void create(DelegationService a, EntityStore store, String id, SplittableRandom random,
            Registry entities, Registry patients, Counts counts) {
        Suite suite = random.nextBoolean() ? Suite.V2_GCM_OAEP256 : Suite.V1_ICURE;
        Known parent = random.nextBoolean() ? patients.random(random) : null;
        try {
            if (parent == null) {
                Known patient = new Known(EntityType.PATIENT, id, "A", "note of " + id + " in " + suite);
                a.createPatient(document(patient), suite);
                entities.add(patient);
                patients.add(patient);
            } else {
                Known contact = new Known(EntityType.CONTACT, id, "A", "descr of " + id + " of " + parent.id() + " in " + suite);
                Patient stored = store.patient(parent.id()).orElseThrow();
                a.createChild(EntityType.CONTACT, document(contact), stored, suite);
                entities.add(contact);
            }
            counts.creates.increment();
        } catch (RuntimeException | AssertionError e) {
            counts.error("create " + id, e);
        }
    }

    private static void share(DelegationService a, EntityStore store, SplittableRandom random, Registry entities, Counts counts) {
        Known known = entities.random(random);
        if (known == null) {
            counts.skipped.increment();
            return;
        }
        String delegate = OTHERS.get(random.nextInt(OTHERS.size()));
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    EncryptableEntity<?> shared = shareWith(a, store.entity(known.type(), known.id()).orElseThrow(), delegate);
                    assertThat(shared.delegations()).containsKey(delegate);
                    break;
                } catch (ConflictException e) {
                    // the documented answer to a copy that another thread changed between this thread's read and
                    // its call: read it again. Any other conflict (the service's own retries exhausted) is an error.
                    if (!e.getMessage().contains("is not the stored version") || attempt == STALE_READ_ATTEMPTS) {
                        throw e;
                    }
                    counts.staleReads.increment();
                }
            }
            known.sharedWith().add(delegate);
            counts.shares.increment();
        } catch (RuntimeException | AssertionError e) {
            counts.error("share " + known.id() + " with " + delegate, e);
        }
    }

    private static void decrypt(DelegationService a, EntityStore store, SplittableRandom random, Registry entities, Counts counts) {
        Known known = entities.random(random);
        if (known == null) {
            counts.skipped.increment();
            return;
        }
        try {
            assertThat(text(a, store.entity(known.type(), known.id()).orElseThrow(), known)).isEqualTo(known.text());
            counts.decrypts.increment();
        } catch (RuntimeException | AssertionError e) {
            counts.error("decrypt " + known.id(), e);
        }
    }

    // ---------------------------------------------------------------- before and after

    /** B to E each create two patients (v1, v2) with a contact each, and share them with A. */
    private static void seed(CryptoProvider provider, EntityStore store, Registry entities, Registry patients) {
        for (String party : OTHERS) {
            DelegationService service = TestParties.as(party, provider, store);
            for (Suite suite : List.of(Suite.V1_ICURE, Suite.V2_GCM_OAEP256)) {
                String id = "seed-" + party + "-" + suite.name();
                Known patient = new Known(EntityType.PATIENT, id, party, "note of " + id);
                Patient created = service.createPatient(document(patient), suite);
                service.shareWith(created, "A");
                Known contact = new Known(EntityType.CONTACT, id + "-c", party, "descr of " + id + "-c");
                EncryptableEntity<?> child = service.createChild(EntityType.CONTACT, document(contact),
                        store.patient(id).orElseThrow(), suite);
                shareWith(service, child, "A");
                for (Known known : List.of(patient, contact)) {
                    known.sharedWith().add("A");
                    entities.add(known);
                }
                patients.add(patient);
            }
        }
    }

    /**
     * Every entity the test knows is stored and opens, with its text, for its creator, for every
     * party a share succeeded for, and for every delegate its stored delegations list; in parallel,
     * each party with a fresh service and cache.
     */
    private static void verifyNothingLost(CryptoProvider provider, EntityStore store, Registry entities, Counts counts)
            throws Exception {
        Map<String, DelegationService> readers = new TreeMap<>();
        for (String party : PARTIES) {
            readers.put(party, TestParties.as(party, provider, store));
        }
        List<Known> all = entities.all();
        assertThat(all).hasSize(16 + (int) counts.creates.sum());
        try (Stream<EncryptableEntity<?>> patients = store.scanEntities(EntityType.PATIENT);
                Stream<EncryptableEntity<?>> contacts = store.scanEntities(EntityType.CONTACT)) {
            assertThat(patients.count() + contacts.count()).isEqualTo(all.size());
        }
        LongAdder checked = new LongAdder();
        ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int part = t;
                parts.add(pool.submit(() -> {
                    for (int i = part; i < all.size(); i += THREADS) {
                        Known known = all.get(i);
                        EncryptableEntity<?> stored = store.entity(known.type(), known.id()).orElse(null);
                        if (stored == null) {
                            lost.add(known.id() + " is not in the store");
                            continue;
                        }
                        Set<String> readersOf = new java.util.TreeSet<>(known.sharedWith());
                        readersOf.add(known.creator());
                        if (!stored.delegations().keySet().containsAll(readersOf)) {
                            lost.add(known.id() + " lists " + stored.delegations().keySet() + ", shared with " + readersOf);
                        }
                        readersOf.addAll(stored.delegations().keySet());
                        for (String reader : readersOf) {
                            try {
                                String text = text(readers.get(reader), stored, known);
                                if (!known.text().equals(text)) {
                                    lost.add(known.id() + " reads as " + reader + ": " + text);
                                }
                            } catch (RuntimeException e) {
                                lost.add(known.id() + " does not open for " + reader + ": " + e);
                            }
                            checked.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : parts) {
                future.get(1, TimeUnit.HOURS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(lost).as("lost delegations or entities (%d)", lost.size()).isEmpty();
        assertThat(checked.sum()).isGreaterThan(all.size());
    }

    /** The pair keys {@code party} can open: its own with everyone, and everyone's with it, in every suite. */
    private static int pairKeysOf(String party, EntityStore store) {
        int n = 0;
        List<HealthcareParty> parties;
        try (Stream<HealthcareParty> scan = store.scanParties()) {
            parties = scan.toList();
        }
        for (HealthcareParty document : parties) {
            for (String delegate : document.pairKeyEntryDelegates()) {
                if (document.id().equals(party) || delegate.equals(party)) {
                    List<PairKeyEntry> entries = document.pairKeyEntries(delegate);
                    n += entries.size();
                }
            }
        }
        return n;
    }

    // ---------------------------------------------------------------- helpers

    private static ObjectNode document(Known known) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("id", known.id());
        document.put(known.field(), known.text());
        return document;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static EncryptableEntity<?> shareWith(DelegationService service, EncryptableEntity<?> entity, String delegate) {
        return (EncryptableEntity<?>) service.shareWith((EncryptableEntity) entity, delegate);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String text(DelegationService service, EncryptableEntity<?> entity, Known known) {
        DecryptedEntity<?> view = service.decrypt((EncryptableEntity) entity);
        return view.field(known.field()).map(JsonNode::asText).orElse(null);
    }
}
