package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Contact;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Opening a patient record of N contacts written by 5 delegators, as reader R.
 *
 * <p>The store: D1 creates the patient and shares it with D2…D5; each Di creates N/5 contacts
 * (round robin); then each Di shares the patient and its own contacts with R
 * ({@code shareWithCascade}). So the patient carries 5 delegations to R (one per delegator),
 * each contact one (from its author).
 *
 * <p>"Open" = a new {@link DelegationService} for R (whose private key is parsed once, outside the
 * measurement) with a cold (new) or warm (shared, filled) {@link PairKeyCache}; decrypt the
 * patient, {@code contactsOf}, decrypt every contact. The primitive operations this costs:
 * {@value #DELEGATORS} RSA-OAEP-SHA-1 unwraps (cold only), N + 6 delegation unwraps (1 for the
 * patient's content key, 5 for its secret foreign keys, 1 per contact) and N + 1
 * {@code encryptedSelf} decryptions.
 */
public final class RecordScenario {

    public static final int DELEGATORS = 5;
    static final int DESCR_LENGTH = 120;
    static final String PATIENT_ID = "patient";
    static final String READER = "R";

    /** The result of one opening. */
    public record Opened(long rsaOperations, int contactsRead) {
    }

    private final CryptoProvider provider;
    private final int contacts;
    private final boolean warm;
    private final InMemoryEntityStore store;
    private final DataOwnerKeys readerKeys;
    private final PairKeyCache warmCache = PairKeyCache.create();

    public RecordScenario(String providerId, int contacts, boolean warm) throws GeneralSecurityException {
        this.provider = Impls.provider(providerId);
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
            services.add(Scheme.service(provider, store, Scheme.keys(provider, d), PairKeyCache.create()));
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

    /** Opens the record with a cold or warm cache, as configured. */
    public Opened open() {
        return open(warm ? warmCache : PairKeyCache.create());
    }

    private Opened open(PairKeyCache cache) {
        long before = cache.rsaOperations();
        DelegationService reader = Scheme.service(provider, store, readerKeys, cache);
        Patient patient = patient();
        int read = reader.decrypt(patient).field("note").isPresent() ? 0 : -1;
        for (EncryptableEntity<?> contact : reader.contactsOf(patient)) {
            if (reader.decrypt((Contact) contact).field("descr").isPresent()) {
                read++;
            }
        }
        return new Opened(cache.rsaOperations() - before, read);
    }

    /** Checks that an opening reads every contact with the expected RSA count (5 cold, 0 warm). */
    public Opened verify() {
        Opened opened = open();
        long expectedRsa = warm ? 0 : DELEGATORS;
        if (opened.contactsRead() != contacts || opened.rsaOperations() != expectedRsa) {
            throw new IllegalStateException("opening read " + opened.contactsRead() + "/" + contacts
                    + " contacts with " + opened.rsaOperations() + " RSA operations, expected " + expectedRsa);
        }
        return opened;
    }
}
