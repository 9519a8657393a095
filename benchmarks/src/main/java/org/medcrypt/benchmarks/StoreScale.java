package org.medcrypt.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.medcrypt.ConflictException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.CascadeShareResult;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.ForwardingEntityStore;
import org.medcrypt.store.InMemoryEntityStore;
import org.medcrypt.store.jdbc.JdbcEntityStore;
import org.medcrypt.store.jdbc.JdbcEntityStores;

/**
 * The store at scale: a load command, not a JMH benchmark (its phases take minutes and measure a
 * database, not a method). Run from the repository root after {@code mvn -B -pl benchmarks -am package -DskipTests}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.medcrypt.benchmarks.StoreScale \
 *     --store sqlite:/tmp/scale.db [--user U --password P --schema S] \
 *     [--patients 100000 --contacts 10 --big-patients 20 --big-contacts 1000] [--report FILE]
 * </pre>
 *
 * <p>Phases, each with the machine's load average:
 * <ol>
 *   <li><b>generate and import</b>: patients of 8 creating parties, each patient with its contacts,
 *       made by the real {@code DelegationService} (v2 suite, jca provider: real keys, real
 *       ciphertexts, the CLI's default encrypted fields) into an in-memory store a chunk at a time,
 *       then saved into the store under test in batches of 5,000 ({@code saveAll}: one
 *       transaction each). Import speed is the time of those saves alone; generation is reported
 *       apart;</li>
 *   <li><b>contacts-of</b>, as the CLI does it: read the patient, find its contacts by secret
 *       foreign key, decrypt each to JSON. Cold: a patient not read before, by a new service with
 *       an empty pair-key cache (one RSA unwrap, one signature check), JIT already warm; warm: the
 *       same patient again and again. p50 and p99, and the share of the time spent in store
 *       calls;</li>
 *   <li><b>share with cascade</b> of a 1,000-contact patient with a party it was never shared
 *       with (a new pair key each time);</li>
 *   <li><b>8 concurrent sharers</b>: 8 threads, each its own service (as 8 processes), share the
 *       same patients with cascade, each with its own delegate, retrying on conflict; then every
 *       delegate must read every patient and all its contacts: zero lost updates.</li>
 * </ol>
 * A store that already holds the generated data (the party {@code hcp-0}) is measured without
 * importing again.
 */
public final class StoreScale {

    static final int CREATORS = 8;
    static final int CHUNK_PATIENTS = 500;
    static final int IMPORT_BATCH = 5_000;

    private final Settings settings;
    private final CryptoProvider provider = org.medcrypt.provider.CryptoProviders.get("jca");
    private final StringBuilder report = new StringBuilder();
    /** Names this run's delegates, so that a second run on the same store shares anew. */
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    /** Command-line settings. */
    static final class Settings {
        String url;
        String user;
        String password;
        String schema;
        int patients = 100_000;
        int contacts = 10;
        int bigPatients = 20;
        int bigContacts = 1_000;
        int coldSamples = 100;
        int warmRuns = 200;
        int cascadeSamples = 5;
        int sharers = 8;
        int sharedPatients = 40;
        Path reportFile;
        /** Another store already filled by a run: its documents are imported instead of generated anew. */
        String from;
        boolean importOnly;

        static Settings parse(String... args) {
            Settings settings = new Settings();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--store" -> settings.url = value;
                    case "--user" -> settings.user = value;
                    case "--password" -> settings.password = value;
                    case "--schema" -> settings.schema = value;
                    case "--patients" -> settings.patients = Integer.parseInt(value);
                    case "--contacts" -> settings.contacts = Integer.parseInt(value);
                    case "--big-patients" -> settings.bigPatients = Integer.parseInt(value);
                    case "--big-contacts" -> settings.bigContacts = Integer.parseInt(value);
                    case "--cold-samples" -> settings.coldSamples = Integer.parseInt(value);
                    case "--warm-runs" -> settings.warmRuns = Integer.parseInt(value);
                    case "--cascade-samples" -> settings.cascadeSamples = Integer.parseInt(value);
                    case "--sharers" -> settings.sharers = Integer.parseInt(value);
                    case "--shared-patients" -> settings.sharedPatients = Integer.parseInt(value);
                    case "--report" -> settings.reportFile = Path.of(value);
                    case "--from" -> settings.from = value;
                    case "--import-only" -> settings.importOnly = Boolean.parseBoolean(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (settings.url == null) {
                throw new IllegalArgumentException("--store sqlite:PATH or --store jdbc:postgresql://HOST/DB is required");
            }
            if (settings.bigPatients < settings.cascadeSamples + 2) {
                throw new IllegalArgumentException("--big-patients must be at least --cascade-samples + 2");
            }
            return settings;
        }

        /** Names this run's PostgreSQL connections, so that their server processes can be found. */
        final String applicationName = "medcrypt-storescale-" + ProcessHandle.current().pid();

        JdbcEntityStore open() {
            String jdbcUrl = url.startsWith("jdbc:postgresql:")
                    ? url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName : url;
            JdbcEntityStores.Builder builder = JdbcEntityStores.builder(jdbcUrl);
            if (user != null) {
                builder.user(user);
            }
            if (password != null) {
                builder.password(password);
            }
            if (schema != null) {
                builder.schema(schema);
            }
            return builder.maximumPoolSize(Math.max(10, sharers + 2)).open();
        }
    }

    StoreScale(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        StoreScale scale = new StoreScale(settings);
        try (JdbcEntityStore store = settings.open()) {
            scale.run(store);
        }
        if (settings.reportFile != null) {
            Files.writeString(settings.reportFile, scale.report);
        }
    }

    /** Runs every phase on {@code store}; returns the figures (also printed). */
    Figures run(JdbcEntityStore store) throws Exception {
        Figures figures = new Figures();
        line("# store scale: " + store + " (" + store.dialect() + ")");
        line("");
        line("- " + settings.patients + " patients × " + settings.contacts + " contacts, plus " + settings.bigPatients
                + " patients × " + settings.bigContacts + " contacts; provider jca, suite v2");
        line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", load at start: " + load());
        if (store.party("hcp-0").isPresent()) {
            line("- the store already holds the data: no import");
        } else if (settings.from != null) {
            try (JdbcEntityStore source = JdbcEntityStores.open(settings.from)) {
                copyAll(source, store, figures);
            }
        } else {
            importAll(store, figures);
        }
        if (settings.importOnly) {
            return figures;
        }
        addDelegates(store);
        TimedStore timed = new TimedStore(store);
        contactsOf(timed, figures);
        cascade(timed, figures);
        concurrentSharers(store, figures);
        return figures;
    }

    // ------------------------------------------------------------------ generate and import

    private void importAll(EntityStore target, Figures figures) {
        List<HealthcareParty> parties = new ArrayList<>();
        for (int i = 0; i < CREATORS; i++) {
            parties.add(HealthcareParty.of(creator(i), ScaleKeys.spkiHex(creator(i))));
        }
        Map<String, PairKeyCache> caches = new HashMap<>();
        Map<String, HealthcareParty> current = new LinkedHashMap<>();
        parties.forEach(party -> current.put(party.id(), party));
        Map<String, HealthcareParty> imported = new HashMap<>();

        long generateNanos = 0;
        long importNanos = 0;
        long entities = 0;
        long started = System.nanoTime();
        String loadBefore = load();
        Cpu cpu = new Cpu(settings);
        int total = settings.patients + settings.bigPatients;
        for (int from = 0; from < total; from += CHUNK_PATIENTS) {
            int to = Math.min(total, from + CHUNK_PATIENTS);
            long t0 = System.nanoTime();
            InMemoryEntityStore chunk = new InMemoryEntityStore();
            chunk.saveAll(current.values(), List.of());
            Map<String, DelegationService> services = new HashMap<>();
            for (int i = from; i < to; i++) {
                boolean big = i >= settings.patients;
                String creator = big ? creator(0) : creator(i % CREATORS);
                DelegationService service = services.computeIfAbsent(creator, id -> Scheme.service(provider, chunk,
                        ScaleKeys.keys(provider, id), caches.computeIfAbsent(id, c -> PairKeyCache.create()),
                        Suite.V2_GCM_OAEP256));
                String patientId = big ? bigPatient(i - settings.patients) : patient(i);
                Patient patient = service.createPatient(patientDocument(patientId, i));
                int contacts = big ? settings.bigContacts : settings.contacts;
                for (int c = 0; c < contacts; c++) {
                    service.createChild(EntityType.CONTACT, contactDocument(patientId + "-c" + c, i, c), patient);
                }
            }
            List<EncryptableEntity<?>> made = new ArrayList<>();
            for (EntityType type : EntityType.values()) {
                try (Stream<EncryptableEntity<?>> all = chunk.scanEntities(type)) {
                    all.forEach(made::add);
                }
            }
            List<HealthcareParty> changed = new ArrayList<>();
            try (Stream<HealthcareParty> all = chunk.scanParties()) {
                all.forEach(party -> {
                    current.put(party.id(), party);
                    HealthcareParty before = imported.get(party.id());
                    if (before == null || !before.toJson().equals(party.toJson())) {
                        changed.add(party);
                    }
                });
            }
            cpu.start();
            long t1 = System.nanoTime();
            for (int b = 0; b < made.size(); b += IMPORT_BATCH) {
                List<EncryptableEntity<?>> batch = made.subList(b, Math.min(made.size(), b + IMPORT_BATCH));
                target.saveAll(b == 0 ? changed : List.of(), batch);
            }
            long t2 = System.nanoTime();
            cpu.stop();
            changed.forEach(party -> imported.put(party.id(), party));
            generateNanos += t1 - t0;
            importNanos += t2 - t1;
            entities += made.size();
            if ((from / CHUNK_PATIENTS) % 20 == 0) {
                System.err.printf("  %,d / %,d patients, %,d entities, import %,.0f entities/s%n", to, total, entities,
                        entities / (importNanos / 1e9));
            }
        }
        figures.importedEntities = entities;
        figures.importPerSecond = entities / (importNanos / 1e9);
        line("");
        line("## import");
        line("");
        line(String.format("- %,d entities saved in %.1f s: **%,.0f entities/s** (the store's saveAll alone, batches of %,d)",
                entities, importNanos / 1e9, figures.importPerSecond, IMPORT_BATCH));
        line(String.format("- generated by the real DelegationService in %.1f s (%,.0f entities/s); wall %.1f s",
                generateNanos / 1e9, entities / (generateNanos / 1e9), (System.nanoTime() - started) / 1e9));
        line(cpu.describe(entities));
        line("- load before / after: " + loadBefore + " / " + load());
    }

    /** Imports every document of {@code source} (as a previous run generated them), timing the saves alone. */
    private void copyAll(EntityStore source, EntityStore target, Figures figures) {
        String loadBefore = load();
        long started = System.nanoTime();
        long importNanos = 0;
        long entities = 0;
        Cpu cpu = new Cpu(settings);
        List<HealthcareParty> parties;
        try (Stream<HealthcareParty> all = source.scanParties()) {
            parties = all.toList();
        }
        cpu.start();
        long t0 = System.nanoTime();
        target.saveAll(parties, List.of());
        importNanos += System.nanoTime() - t0;
        cpu.stop();
        for (EntityType type : EntityType.values()) {
            try (Stream<EncryptableEntity<?>> all = source.scanEntities(type)) {
                java.util.Iterator<EncryptableEntity<?>> it = all.iterator();
                List<EncryptableEntity<?>> batch = new ArrayList<>(IMPORT_BATCH);
                while (it.hasNext()) {
                    batch.add(it.next());
                    if (batch.size() == IMPORT_BATCH || !it.hasNext()) {
                        cpu.start();
                        long t1 = System.nanoTime();
                        target.saveAll(List.of(), batch);
                        importNanos += System.nanoTime() - t1;
                        cpu.stop();
                        entities += batch.size();
                        batch.clear();
                        if (entities % 100_000 < IMPORT_BATCH) {
                            System.err.printf("  %,d entities, import %,.0f entities/s%n", entities, entities / (importNanos / 1e9));
                        }
                    }
                }
            }
        }
        figures.importedEntities = entities;
        figures.importPerSecond = entities / (importNanos / 1e9);
        line("");
        line("## import (copied from " + settings.from + ")");
        line("");
        line(String.format("- %,d entities and %d parties saved in %.1f s: **%,.0f entities/s** (the store's saveAll alone, "
                + "batches of %,d; reading the source, streamed, not counted); wall %.1f s", entities, parties.size(),
                importNanos / 1e9, figures.importPerSecond, IMPORT_BATCH, (System.nanoTime() - started) / 1e9));
        line(cpu.describe(entities));
        line("- load before / after: " + loadBefore + " / " + load());
    }

    static ObjectNode patientDocument(String id, int i) {
        ObjectNode document = MedcryptJson.nodes().objectNode();
        document.put("id", id);
        document.put("firstName", FIRST[i % FIRST.length]);
        document.put("lastName", LAST[(i / FIRST.length) % LAST.length]);
        document.put("dateOfBirth", 19400101 + (i % 60) * 10000 + (i % 12) * 100 + i % 28);
        document.put("gender", i % 2 == 0 ? "female" : "male");
        document.put("ssin", String.format("%011d", 10_000_000_000L + i));
        document.put("note", "Allergic to penicillin since childhood; lives alone, daughter visits weekly. "
                + "Prefers morning appointments. Patient " + i + ".");
        return document;
    }

    static ObjectNode contactDocument(String id, int patient, int c) {
        ObjectNode document = MedcryptJson.nodes().objectNode();
        document.put("id", id);
        document.put("created", 1_600_000_000_000L + patient * 1_000L + c);
        document.put("openingDate", 20200101120000L + c);
        document.put("descr", "Consultation " + c + ": blood pressure 13/8, weight stable, follow-up of type 2 "
                + "diabetes, HbA1c 6.9 %, metformin 850 mg twice daily continued; feet examined, no lesion. "
                + "Next visit in three months.");
        return document;
    }

    private static final String[] FIRST = {"Anna", "Bruno", "Chloé", "Daan", "Emma", "Farid", "Greet", "Hugo", "Ines",
        "Jan", "Katrien", "Lucas", "Marie", "Noah", "Olivia", "Pieter"};
    private static final String[] LAST = {"Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
        "Goossens", "Wouters", "De Smet", "Dubois", "Lambert"};

    static String creator(int i) {
        return "hcp-" + i;
    }

    /** The delegate of sharer {@code i} in this run (a party never shared with before). */
    String reader(int i) {
        return "reader-" + run + "-" + i;
    }

    /** The delegate of cascade {@code i} in this run. */
    String colleague(int i) {
        return "colleague-" + run + "-" + i;
    }

    /** Adds the delegates this run shares with: parties the data was never shared with. */
    private void addDelegates(EntityStore store) {
        List<HealthcareParty> delegates = new ArrayList<>();
        for (int i = 0; i < settings.sharers; i++) {
            delegates.add(HealthcareParty.of(reader(i), ScaleKeys.spkiHex(reader(i))));
        }
        for (int i = 0; i < settings.cascadeSamples; i++) {
            delegates.add(HealthcareParty.of(colleague(i), ScaleKeys.spkiHex(colleague(i))));
        }
        store.saveAll(delegates, List.of());
    }

    static String patient(int i) {
        return String.format("patient-%06d", i);
    }

    static String bigPatient(int i) {
        return String.format("big-%03d", i);
    }

    // ------------------------------------------------------------------ contacts-of

    /** Reads a patient's contacts as the CLI's contacts-of does; returns how many were decrypted. */
    static int contactsOf(DelegationService service, EntityStore store, String patientId) {
        Patient patient = store.patient(patientId).orElseThrow();
        int read = 0;
        for (EncryptableEntity<?> contact : service.contactsOf(patient)) {
            read += decryptToJson(service, contact).size() > 0 ? 1 : 0;
        }
        return read;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ObjectNode decryptToJson(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((EncryptableEntity) entity).toJson();
    }

    private DelegationService newService(String party, EntityStore store) {
        return Scheme.service(provider, store, ScaleKeys.keys(provider, party), PairKeyCache.create(), Suite.V2_GCM_OAEP256);
    }

    private void contactsOf(TimedStore store, Figures figures) {
        SplittableRandom random = new SplittableRandom(42);
        // JIT warm-up on patients the samples do not use
        for (int i = 0; i < 300; i++) {
            int p = CREATORS * random.nextInt(Math.max(1, settings.patients / CREATORS / 2));
            contactsOf(newService(creator(0), store), store, patient(p));
        }
        DelegationService warmUpBig = newService(creator(0), store);
        for (int i = 0; i < 20; i++) {
            contactsOf(warmUpBig, store, bigPatient(settings.bigPatients - 1));
        }
        line("");
        line("## contacts-of (read the patient, find its contacts by secret foreign key, decrypt each to JSON)");
        line("");
        line("| patient | cache | runs | p50 ms | p99 ms | store calls, share of the time | load |");
        line("|---|---|--:|--:|--:|--:|---|");

        // cold, 10 contacts: patients of the second half never read, a new service each
        List<String> coldSmall = new ArrayList<>();
        for (int i = 0; i < settings.coldSamples; i++) {
            int p = settings.patients / 2 + CREATORS * random.nextInt(Math.max(1, settings.patients / CREATORS / 2));
            coldSmall.add(patient(p - p % CREATORS));
        }
        Sample small = sample(store, coldSmall.size(), i -> newService(creator(0), store), i -> coldSmall.get(i),
                settings.contacts);
        row("10 contacts".replace("10", String.valueOf(settings.contacts)), "cold", small, store);
        figures.coldSmall = small;

        DelegationService warm = newService(creator(0), store);
        String smallId = coldSmall.get(0);
        Sample warmSmall = sample(store, settings.warmRuns, i -> warm, i -> smallId, settings.contacts);
        row(settings.contacts + " contacts", "warm", warmSmall, store);
        figures.warmSmall = warmSmall;

        // cold, 1,000 contacts: each big patient once (but those the cascade phase shares)
        List<String> coldBig = new ArrayList<>();
        for (int i = settings.cascadeSamples; i < settings.bigPatients - 1; i++) {
            coldBig.add(bigPatient(i));
        }
        Sample big = sample(store, coldBig.size(), i -> newService(creator(0), store), i -> coldBig.get(i),
                settings.bigContacts);
        row(settings.bigContacts + " contacts", "cold", big, store);
        figures.coldBig = big;

        DelegationService warmBigService = newService(creator(0), store);
        String bigId = coldBig.get(0);
        Sample warmBig = sample(store, Math.max(20, settings.warmRuns / 4), i -> warmBigService, i -> bigId,
                settings.bigContacts);
        row(settings.bigContacts + " contacts", "warm", warmBig, store);
        figures.warmBig = warmBig;
    }

    private Sample sample(TimedStore store, int runs, java.util.function.IntFunction<DelegationService> services,
            java.util.function.IntFunction<String> patients, int expected) {
        long[] total = new long[runs];
        long[] inStore = new long[runs];
        String loadBefore = load();
        for (int i = 0; i < runs; i++) {
            DelegationService service = services.apply(i);
            String id = patients.apply(i);
            store.reset();
            long t0 = System.nanoTime();
            int read = contactsOf(service, store, id);
            total[i] = System.nanoTime() - t0;
            inStore[i] = store.nanos();
            if (read != expected) {
                throw new IllegalStateException(id + ": read " + read + " contacts, expected " + expected);
            }
        }
        return new Sample(total, inStore, loadBefore + " → " + load());
    }

    private void row(String patient, String cache, Sample sample, TimedStore store) {
        line(String.format("| %s | %s | %d | %.2f | %.2f | %.0f %% | %s |", patient, cache, sample.total.length,
                sample.percentile(50), sample.percentile(99), 100 * sample.storeShare(), sample.load));
    }

    // ------------------------------------------------------------------ cascade

    private void cascade(TimedStore store, Figures figures) {
        line("");
        line("## share with cascade of a " + settings.bigContacts + "-contact patient (new delegate, new pair key)");
        line("");
        long[] nanos = new long[settings.cascadeSamples];
        long[] inStore = new long[settings.cascadeSamples];
        String loadBefore = load();
        for (int i = 0; i < settings.cascadeSamples; i++) {
            DelegationService owner = newService(creator(0), store);
            Patient patient = store.patient(bigPatient(i)).orElseThrow();
            store.reset();
            long t0 = System.nanoTime();
            CascadeShareResult result = owner.shareWithCascade(patient, colleague(i));
            nanos[i] = System.nanoTime() - t0;
            inStore[i] = store.nanos();
            if (result.shared().size() != settings.bigContacts + 1 || !result.skipped().isEmpty()) {
                throw new IllegalStateException("the cascade shared " + result.shared().size() + " entities");
            }
            int read = contactsOf(newService(colleague(i), store), store, bigPatient(i));
            if (read != settings.bigContacts) {
                throw new IllegalStateException(colleague(i) + " reads " + read + " contacts after the cascade");
            }
        }
        Sample sample = new Sample(nanos, inStore, loadBefore + " → " + load());
        figures.cascade = sample;
        line(String.format("- %d cascades (each: the patient and %,d contacts in one transaction): p50 %.0f ms, max %.0f ms;"
                + " store calls %.0f %% of the time; each delegate then read all %,d contacts; load %s",
                nanos.length, settings.bigContacts, sample.percentile(50), sample.percentile(100),
                100 * sample.storeShare(), settings.bigContacts, sample.load));
    }

    // ------------------------------------------------------------------ concurrent sharers

    private void concurrentSharers(EntityStore store, Figures figures) throws Exception {
        int sharers = settings.sharers;
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < settings.sharedPatients; i++) {
            patients.add(patient(CREATORS * i)); // all created by hcp-0, which every sharer acts as
        }
        AtomicInteger conflicts = new AtomicInteger();
        AtomicLong shares = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(sharers);
        List<Future<?>> done = new ArrayList<>();
        String loadBefore = load();
        long t0 = System.nanoTime();
        for (int t = 0; t < sharers; t++) {
            String delegate = reader(t);
            done.add(pool.submit(() -> {
                DelegationService owner = newService(creator(0), store);
                for (String id : patients) {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            owner.shareWithCascade(store.patient(id).orElseThrow(), delegate);
                            shares.incrementAndGet();
                            break;
                        } catch (ConflictException e) {
                            conflicts.incrementAndGet();
                            if (attempt == 1_000) {
                                throw e;
                            }
                        }
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the sharers did not finish in 30 minutes");
        }
        for (Future<?> future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int lost = 0;
        for (int t = 0; t < sharers; t++) {
            DelegationService delegate = newService(reader(t), store);
            for (String id : patients) {
                if (contactsOf(delegate, store, id) != settings.contacts) {
                    lost++;
                }
            }
        }
        figures.lostUpdates = lost;
        figures.conflicts = conflicts.get();
        line("");
        line("## " + sharers + " concurrent sharers");
        line("");
        line(String.format("- %d threads (one service each, as %d processes) each shared the same %d patients with cascade"
                + " (%d contacts each) with its own delegate: %d cascades in %.1f s (%.1f/s), %d conflicts retried;"
                + " **lost updates: %d** (every delegate read every patient's %d contacts after); load %s",
                sharers, sharers, patients.size(), settings.contacts, shares.get(), seconds, shares.get() / seconds,
                conflicts.get(), lost, settings.contacts, loadBefore + " → " + load()));
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * The parties' keys, the same in every run (a second run measures a store the first one
     * filled): RSA-2048 from the JDK's generator driven by a SHA1PRNG seeded with the party's
     * name, Ed25519 seeds hashed from it. A benchmark fixture only: such keys are public.
     */
    static final class ScaleKeys {
        private static final Map<String, java.security.KeyPair> RSA = new java.util.concurrent.ConcurrentHashMap<>();

        private ScaleKeys() {
        }

        static java.security.KeyPair rsa(String party) {
            return RSA.computeIfAbsent(party, p -> {
                try {
                    java.security.SecureRandom seeded = java.security.SecureRandom.getInstance("SHA1PRNG");
                    seeded.setSeed(("medcrypt store scale " + p).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA", "SunRsaSign");
                    generator.initialize(2048, seeded);
                    return generator.generateKeyPair();
                } catch (java.security.GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        static String spkiHex(String party) {
            return java.util.HexFormat.of().formatHex(rsa(party).getPublic().getEncoded());
        }

        static org.medcrypt.keys.DataOwnerKeys keys(CryptoProvider provider, String party) {
            byte[] rsa = rsa(party).getPrivate().getEncoded();
            byte[] seed;
            try {
                seed = java.security.MessageDigest.getInstance("SHA-256").digest(
                        ("medcrypt store scale signing " + party).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            byte[] signing = org.medcrypt.keys.DataOwnerKeys.ed25519Pkcs8(seed);
            try {
                return org.medcrypt.keys.DataOwnerKeys.fromPkcs8(party, provider, List.of(rsa, signing));
            } finally {
                Arrays.fill(rsa, (byte) 0);
                Arrays.fill(signing, (byte) 0);
                Arrays.fill(seed, (byte) 0);
            }
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException | UncheckedIOException e) {
            return "n/a";
        }
    }

    /**
     * CPU time spent importing, which a loaded machine distorts far less than elapsed time: this
     * process's (all threads, GC included; SQLite runs in it) and, for a PostgreSQL on this
     * machine, its server processes' serving this run's connections (found by application name in
     * {@code pg_stat_activity}, read from {@code /proc}; not counted when that is not possible).
     */
    static final class Cpu {
        private final Settings settings;
        private final Map<Integer, Long> serverTicksAtStart = new HashMap<>();
        private long processNanos;
        private long serverTicks;
        private long processStarted;
        private boolean serverKnown;

        Cpu(Settings settings) {
            this.settings = settings;
        }

        void start() {
            processStarted = processCpuNanos();
            serverTicksAtStart.clear();
            serverTicksAtStart.putAll(serverTicks());
        }

        void stop() {
            processNanos += processCpuNanos() - processStarted;
            Map<Integer, Long> now = serverTicks();
            serverKnown |= !now.isEmpty();
            now.forEach((pid, ticks) -> serverTicks += ticks - serverTicksAtStart.getOrDefault(pid, 0L));
        }

        String describe(long entities) {
            String line = String.format("- CPU while saving: this process %.1f s (%.1f µs per entity)", processNanos / 1e9,
                    processNanos / 1e3 / entities);
            if (serverKnown) {
                double server = serverTicks / 100.0;
                line += String.format(", PostgreSQL's server processes %.1f s (%.1f µs per entity)", server,
                        server * 1e6 / entities);
            }
            return line;
        }

        private static long processCpuNanos() {
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return 0;
        }

        /** utime + stime (in 1/100 s) of each server process of this run's connections; empty if unknown. */
        private Map<Integer, Long> serverTicks() {
            Map<Integer, Long> ticks = new HashMap<>();
            if (settings.url == null || !settings.url.startsWith("jdbc:postgresql:")) {
                return ticks;
            }
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(settings.url,
                    settings.user, settings.password);
                 java.sql.PreparedStatement statement = connection.prepareStatement(
                         "SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
                statement.setString(1, settings.applicationName);
                try (java.sql.ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        int pid = rows.getInt(1);
                        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                }
            } catch (java.sql.SQLException | IOException | RuntimeException e) {
                ticks.clear(); // another machine's server, or /proc unreadable: not counted
            }
            return ticks;
        }
    }

    /** Durations of runs, and the part of each spent in store calls. */
    static final class Sample {
        final long[] total;
        final long[] inStore;
        final String load;

        Sample(long[] total, long[] inStore, String load) {
            this.total = total;
            this.inStore = inStore;
            this.load = load;
        }

        double percentile(int p) {
            long[] sorted = total.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        double storeShare() {
            return (double) Arrays.stream(inStore).sum() / Arrays.stream(total).sum();
        }
    }

    /** What the run measured, for the smoke test. */
    static final class Figures {
        long importedEntities;
        double importPerSecond;
        Sample coldSmall;
        Sample warmSmall;
        Sample coldBig;
        Sample warmBig;
        Sample cascade;
        int lostUpdates = -1;
        int conflicts;
    }

    /** Adds up the time spent in the store's calls (one measuring thread at a time). */
    static final class TimedStore extends ForwardingEntityStore {
        private long nanos;

        TimedStore(EntityStore store) {
            super(store);
        }

        void reset() {
            nanos = 0;
        }

        long nanos() {
            return nanos;
        }

        private <T> T timed(Supplier<T> call) {
            long t0 = System.nanoTime();
            try {
                return call.get();
            } finally {
                nanos += System.nanoTime() - t0;
            }
        }

        @Override
        public Optional<HealthcareParty> party(String id) {
            return timed(() -> super.party(id));
        }

        @Override
        public Map<String, HealthcareParty> parties(Collection<String> ids) {
            return timed(() -> super.parties(ids));
        }

        @Override
        public List<HealthcareParty> partiesByKeyFingerprint(KeyFingerprint fingerprint) {
            return timed(() -> super.partiesByKeyFingerprint(fingerprint));
        }

        @Override
        public List<HealthcareParty> pairKeyOwnersFor(String delegateId) {
            return timed(() -> super.pairKeyOwnersFor(delegateId));
        }

        @Override
        public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
            return timed(() -> super.entity(type, id));
        }

        @Override
        public Map<String, EncryptableEntity<?>> entities(EntityType type, Collection<String> ids) {
            return timed(() -> super.entities(type, ids));
        }

        @Override
        public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
            return timed(() -> super.bySecretForeignKey(type, secretForeignKey));
        }

        @Override
        public org.medcrypt.store.UpdateResult apply(org.medcrypt.store.StoreUpdate update) {
            return timed(() -> super.apply(update));
        }
    }
}
