package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.ForwardingEntityStore;

/**
 * Issue 11: no whole-store scan on a path that runs per request. Every everyday operation — a
 * service built (its key-ownership check), patients and children created, shared, shared with
 * cascade, read, navigated — runs on a store whose scans fail the test. Before the store contract,
 * building a service walked every party ({@code KeyOwnership} called {@code store.parties()}).
 */
class NoScanOnHotPathsTest {

    /** A store whose full listings are refused: any call fails the test. */
    private static final class NoScans extends ForwardingEntityStore {
        final AtomicInteger scans = new AtomicInteger();

        NoScans(EntityStore inner) {
            super(inner);
        }

        @Override
        public Stream<HealthcareParty> scanParties() {
            scans.incrementAndGet();
            throw new AssertionError("a hot path scanned every party");
        }

        @Override
        public Stream<EncryptableEntity<?>> scanEntities(EntityType type) {
            scans.incrementAndGet();
            throw new AssertionError("a hot path scanned every " + type.collection());
        }
    }

    @Test
    void everydayOperationsNeverScanTheStore() {
        CryptoProvider provider = TestParties.provider("jca");
        NoScans store = new NoScans(TestParties.newStore());

        DelegationService a = TestParties.as("A", provider, store);
        Patient patient = a.createPatient(document("P", "note", "the patient's note"));
        for (int i = 0; i < 3; i++) {
            a.createChild(EntityType.CONTACT, document("C" + i, "descr", "contact " + i), patient);
        }
        Patient shared = a.shareWith(patient, "B");
        a.shareWithCascade(shared, "C");

        DelegationService c = TestParties.as("C", provider, store);
        Patient asC = store.patient("P").orElseThrow();
        assertThat(c.decrypt(asC).decryptedFields().path("note").asText()).isEqualTo("the patient's note");
        List<EncryptableEntity<?>> contacts = c.contactsOf(asC);
        assertThat(contacts).hasSize(3);
        for (EncryptableEntity<?> contact : contacts) {
            assertThat(c.canRead(contact)).isTrue();
            assertThat(c.patientOf(contact)).hasValueSatisfying(parent -> assertThat(parent.id()).isEqualTo("P"));
        }
        DelegationService b = TestParties.as("B", provider, store);
        assertThat(b.decrypt(store.patient("P").orElseThrow()).decryptedFields().path("note").asText())
                .isEqualTo("the patient's note");

        assertThat(store.scans.get()).isZero();
    }

    /** Counts the party documents read. */
    private static final class CountingPartyReads extends ForwardingEntityStore {
        final AtomicInteger partyReads = new AtomicInteger();

        CountingPartyReads(EntityStore inner) {
            super(inner);
        }

        @Override
        public java.util.Optional<HealthcareParty> party(String id) {
            partyReads.incrementAndGet();
            return super.party(id);
        }
    }

    /**
     * A read reads each pair key owner's document once, not once per value it opens (in a
     * database each is a query): listing 40 contacts of one writer costs as many party reads as
     * listing 4, and so does reading one contact, cold or warm.
     */
    @Test
    void aReadReadsEachOwnersDocumentOnceNotOncePerValue() {
        CryptoProvider provider = TestParties.provider("jca");
        CountingPartyReads store = new CountingPartyReads(TestParties.newStore());
        DelegationService a = TestParties.as("A", provider, store);
        Patient few = a.createPatient(document("few", "note", "4 contacts"));
        Patient many = a.createPatient(document("many", "note", "40 contacts"));
        for (int i = 0; i < 40; i++) {
            if (i < 4) {
                a.createChild(EntityType.CONTACT, document("f" + i, "descr", "contact " + i), few);
            }
            a.createChild(EntityType.CONTACT, document("m" + i, "descr", "contact " + i), many);
        }
        a.shareWithCascade(store.patient("few").orElseThrow(), "B");
        a.shareWithCascade(store.patient("many").orElseThrow(), "B");
        org.medcrypt.keys.PairKeyCache cache = org.medcrypt.keys.PairKeyCache.create();
        DelegationService b = TestParties.as("B", provider, store, options -> options.pairKeyCache(cache));

        int[] listing = new int[2];
        int index = 0;
        for (String id : List.of("few", "many")) {
            Patient patient = store.patient(id).orElseThrow();
            int before = store.partyReads.get();
            assertThat(b.contactsOf(patient)).hasSize(id.equals("few") ? 4 : 40);
            listing[index++] = store.partyReads.get() - before;
        }
        assertThat(listing[1]).as("party reads listing 40 contacts vs 4").isEqualTo(listing[0]).isLessThanOrEqualTo(3);

        for (String warmth : List.of("cold", "warm")) {
            EncryptableEntity<?> contact = store.entity(EntityType.CONTACT, "m7").orElseThrow();
            int before = store.partyReads.get();
            assertThat(decryptedDescr(b, contact)).isEqualTo("contact 7");
            assertThat(store.partyReads.get() - before).as("party reads to decrypt a contact, %s", warmth).isEqualTo(1);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String decryptedDescr(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((EncryptableEntity) entity).decryptedFields().path("descr").asText();
    }

    private static ObjectNode document(String id, String field, String value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put(field, value);
        return node;
    }
}
