package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.List;
import org.medcrypt.agility.Migration;
import org.medcrypt.agility.MigrationResult;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Migrating a v1 dataset to v2, warm: A wrote {@value #PATIENTS} v1 patients with
 * {@value #CONTACTS_PER_PATIENT} contacts each ({@value #ENTITIES} entities) and shared them all
 * with B; A's signed v2 pair keys with itself and B exist. One {@link #migrate()} re-encrypts every
 * entity: per entity, it opens A's v1 secret id, content key and parent id, decrypts
 * {@code encryptedSelf} (AES-128-CBC), and writes a new 256-bit content key, the v2
 * {@code encryptedSelf} (HKDF-SHA-256 + AES-256-GCM) and six v2 small keys (AES-256-GCM) for A and
 * B, then saves everything in one apply.
 *
 * <p>"Warm" means the pair keys are unwrapped and their signatures checked before the measurement
 * (a dry run on a one-patient copy with the same party documents), as they are after the first
 * entity of a real run; the small keys of the measured entities are not in the cache's memo: each
 * is decrypted. {@link #prepare()} (outside the measurement) gives each run a fresh copy of the v1
 * store and a fresh cache warmed that way.
 */
public final class MigrateScenario {

    public static final int PATIENTS = 100;
    public static final int CONTACTS_PER_PATIENT = 9;
    public static final int ENTITIES = PATIENTS * (1 + CONTACTS_PER_PATIENT);

    private final CryptoProvider provider;
    private final boolean keepV1;
    private final InMemoryEntityStore original;
    private final InMemoryEntityStore onePatient;
    private final DataOwnerKeys ownerKeys;
    private DelegationService owner;

    public MigrateScenario(String providerId, boolean keepV1) throws GeneralSecurityException {
        this.provider = Impls.provider(providerId);
        this.keepV1 = keepV1;
        this.original = Scheme.storeWith(List.of("A", "B"));
        this.ownerKeys = Scheme.keys(provider, "A");
        PairKeyCache cache = PairKeyCache.create();
        DelegationService v1 = Scheme.service(provider, original, ownerKeys, cache, Suite.V1_ICURE);
        DelegationService v2 = Scheme.service(provider, original, ownerKeys, cache, Suite.V2_GCM_OAEP256);
        // A's signed v2 pair keys {A→A} and {A→B}, as a dataset that already holds v2 data has them
        v2.shareWith(v2.createPatient(Scheme.document("v2-patient", "note", Data.text(200, 40))), "B");
        for (int p = 0; p < PATIENTS; p++) {
            Patient patient = v1.createPatient(Scheme.document("patient-" + p, "note", Data.text(200, 41 + p)));
            for (int c = 0; c < CONTACTS_PER_PATIENT; c++) {
                v1.createChild(EntityType.CONTACT, Scheme.document("contact-" + p + "-" + c, "descr",
                        Data.text(120, 2000 + p * CONTACTS_PER_PATIENT + c)), patient);
            }
            v1.shareWithCascade(original.patient(patient.id()).orElseThrow(), "B");
        }
        this.onePatient = Scheme.storeWith(List.of());
        List<EncryptableEntity<?>> firstRecord = new java.util.ArrayList<>();
        firstRecord.add(original.patient("v2-patient").orElseThrow());
        firstRecord.add(original.patient("patient-0").orElseThrow());
        firstRecord.add(original.entity(EntityType.CONTACT, "contact-0-0").orElseThrow());
        onePatient.saveAll(original.scanParties().toList(), firstRecord);
        prepare();
    }

    /** A fresh copy of the v1 store and a service of A on it, with a cache whose pair keys are warm. */
    public void prepare() {
        PairKeyCache cache = PairKeyCache.create();
        Migration.toV2(Scheme.service(provider, Scheme.copyOf(onePatient), ownerKeys, cache, Suite.V2_GCM_OAEP256))
                .dryRun().run();
        owner = Scheme.service(provider, Scheme.copyOf(original), ownerKeys, cache, Suite.V2_GCM_OAEP256);
    }

    /** Migrates every v1 entity; returns how many were migrated. */
    public int migrate() {
        Migration migration = Migration.toV2(owner);
        MigrationResult result = (keepV1 ? migration.keepingV1() : migration).run();
        return result.migrated().size();
    }

    /** Checks one run: every entity migrated, no RSA operation during it. */
    public void verify() {
        prepare();
        long rsaBefore = owner.pairKeyCache().rsaOperations();
        int migrated = migrate();
        if (migrated != ENTITIES) {
            throw new IllegalStateException("migrated " + migrated + " entities, expected " + ENTITIES);
        }
        if (owner.pairKeyCache().rsaOperations() != rsaBefore) {
            throw new IllegalStateException("a warm migration made " + (owner.pairKeyCache().rsaOperations() - rsaBefore)
                    + " RSA operations");
        }
        prepare();
    }
}
