package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Contact;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Opening a patient record of N contacts written by 5 delegators, as reader R.
 *
 * <p>The store, every entity and pair key in one suite (v1 or v2): D1 creates the patient and
 * shares it with D2…D5; each Di creates N/5 contacts (round robin); then each Di shares the
 * patient and its own contacts with R ({@code shareWithCascade}). So the patient carries 5
 * delegations to R (one per delegator), each contact one (from its author); each pair key
 * Di→R is signed by Di.
 *
 * <p>"Open" = a new {@link DelegationService} for R (whose private keys are parsed once, outside
 * the measurement) with a cold (new) or warm (shared, filled) {@link PairKeyCache}; decrypt the
 * patient, {@code contactsOf}, decrypt every contact. The primitive operations this costs:
 * {@value #DELEGATORS} RSA-OAEP unwraps and {@value #DELEGATORS} Ed25519 verifications of the
 * pair keys' signatures (cold only), the small keys (v1: 6 for the patient, 4 per contact —
 * its parent id read once to check it is this patient's, its content key, and its secret id and
 * parent id again so that neither is taken as a content key; v2: 6 for the patient, 2 per
 * contact) and N + 1 {@code encryptedSelf} decryptions.
 */
public final class RecordScenario {

    public static final int DELEGATORS = 5;
    static final int DESCR_LENGTH = 120;
    static final String PATIENT_ID = "patient";
    static final String READER = "R";

    /** The result of one opening. */
    public record Opened(long rsaOperations, long signatureVerifications, int contactsRead) {
    }

    private final CryptoProvider provider;
    private final Suite suite;
    private final int contacts;
    private final boolean warm;
    private final InMemoryEntityStore store;
    private final DataOwnerKeys readerKeys;
    private final PairKeyCache warmCache = PairKeyCache.create();

    public RecordScenario(String providerId, Suite suite, int contacts, boolean warm) throws GeneralSecurityException {
        this.provider = Impls.provider(providerId);
        this.suite = suite;
        this.contacts = contacts;
        this.warm = warm;
        List<String> delegators = new ArrayList<>();
        for (int i = 1; i <= DELEGATORS; i++) {
            delegators.add("D" + i);
        }
        List<String> parties = new ArrayList<>(delegators);
        parties.add(READER);
        this.store = Scheme.storeWith(parties);
        List<DelegationService> services = new ArrayList<>();
        for (String d : delegators) {
            services.add(Scheme.service(provider, store, Scheme.keys(provider, d), PairKeyCache.create(), suite));
        }
        services.get(0).createPatient(Scheme.document(PATIENT_ID, "note", Data.text(200, 31)));
        for (String d : delegators.subList(1, DELEGATORS)) {
            services.get(0).shareWith(patient(), d);
        }
        for (int i = 0; i < contacts; i++) {
            services.get(i % DELEGATORS).createChild(EntityType.CONTACT,
                    Scheme.document("c" + i, "descr", descr(i)), patient());
        }
        for (DelegationService d : services) {
            d.shareWithCascade(patient(), READER);
        }
        this.readerKeys = Scheme.keys(provider, READER);
        open(warmCache);
    }

    /** The encrypted fields of contact {@code i} as JSON; what its {@code encryptedSelf} holds. */
    static String contactFieldsJson(int i) {
        return "{\"descr\":\"" + descr(i) + "\"}";
    }

    private static String descr(int i) {
        return Data.text(DESCR_LENGTH, 1000 + i);
    }

    private Patient patient() {
        return store.patient(PATIENT_ID).orElseThrow();
    }

    /** Opens the record with the warm cache, whatever this scenario measures (to warm the JIT up). */
    Opened openWarm() {
        return open(warmCache);
    }

    /** Opens the record with a cold or warm cache, as configured. */
    public Opened open() {
        return open(warm ? warmCache : PairKeyCache.create());
    }

    private Opened open(PairKeyCache cache) {
        long rsaBefore = cache.rsaOperations();
        long verificationsBefore = cache.signatureVerifications();
        DelegationService reader = Scheme.service(provider, store, readerKeys, cache, suite);
        Patient patient = patient();
        int read = reader.decrypt(patient).field("note").isPresent() ? 0 : -1;
        for (EncryptableEntity<?> contact : reader.contactsOf(patient)) {
            if (reader.decrypt((Contact) contact).field("descr").isPresent()) {
                read++;
            }
        }
        return new Opened(cache.rsaOperations() - rsaBefore, cache.signatureVerifications() - verificationsBefore, read);
    }

    /**
     * Checks that an opening reads every contact, in the suite, with the expected RSA and signature
     * verification counts (5 and 5 cold, 0 and 0 warm).
     */
    public Opened verify() {
        Opened opened = open();
        long expected = warm ? 0 : DELEGATORS;
        if (opened.contactsRead() != contacts || opened.rsaOperations() != expected
                || opened.signatureVerifications() != expected) {
            throw new IllegalStateException("opening read " + opened.contactsRead() + "/" + contacts
                    + " contacts with " + opened.rsaOperations() + " RSA operations and " + opened.signatureVerifications()
                    + " signature verifications, expected " + expected + " of each");
        }
        Patient patient = patient();
        DelegationService reader = Scheme.service(provider, store, readerKeys, PairKeyCache.create(), suite);
        if (!reader.decrypt(patient).suite().equals(Optional.of(suite))) {
            throw new IllegalStateException("the record is not in " + suite);
        }
        return opened;
    }
}
