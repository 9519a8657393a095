package org.medcrypt.scheme;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;

/**
 * The dataset the migration and revocation tests start from, each party's readable set, and a
 * store that fails at its k-th call.
 */
final class AgilityFixture {

    static final List<String> PARTIES = List.of("A", "B", "C", "D", "E");

    private AgilityFixture() {
    }

    /**
     * A v1 dataset (with one v2 patient) made through medcrypt's API:
     * <ul>
     *   <li>P1 (A, note), its contact C1, health element H1 and form F1, shared with B by cascade;
     *       P1 also shared with C by B and by A (entries B→C and A→C); CB, a contact of P1 that B made and A cannot read;
     *   <li>P2, a v2 patient of A with a v1 contact C2, shared with D by cascade;
     *   <li>P3 (D's, not shared with A) and its contact C3, which D made and shared with A;
     *   <li>P4, a v1 patient of A without encrypted fields.
     * </ul>
     */
    static EntityStore dataset(CryptoProvider provider) {
        EntityStore store = TestParties.newStore();
        DelegationService a1 = TestParties.as("A", provider, store, b -> b.suite(Suite.V1_ICURE));
        DelegationService a2 = TestParties.as("A", provider, store);
        DelegationService b1 = TestParties.as("B", provider, store, b -> b.suite(Suite.V1_ICURE));
        DelegationService d1 = TestParties.as("D", provider, store, b -> b.suite(Suite.V1_ICURE));
        Patient p1 = a1.createPatient(json("{\"id\":\"P1\",\"firstName\":\"John\",\"note\":\"Allergic to penicillin ü\"}"));
        a1.createChild(EntityType.CONTACT, json("{\"id\":\"C1\",\"descr\":\"cough\"}"), p1);
        a1.createChild(EntityType.HEALTH_ELEMENT, json("{\"id\":\"H1\",\"descr\":\"Hypertension\",\"note\":\"stage 1\"}"), p1);
        a1.createChild(EntityType.FORM, json("{\"id\":\"F1\",\"descr\":\"intake\"}"), p1);
        a1.shareWithCascade(store.patient("P1").orElseThrow(), "B");
        b1.shareWith(store.patient("P1").orElseThrow(), "C");
        a1.shareWith(store.patient("P1").orElseThrow(), "C"); // C holds P1 from both: A may migrate and re-key it
        b1.createChild(EntityType.CONTACT, json("{\"id\":\"CB\",\"descr\":\"B's own contact\"}"), store.patient("P1").orElseThrow());
        Patient p2 = a2.createPatient(json("{\"id\":\"P2\",\"note\":\"already v2\"}"));
        a1.createChild(EntityType.CONTACT, json("{\"id\":\"C2\",\"descr\":\"v1 contact of a v2 patient\"}"), p2);
        a2.shareWithCascade(store.patient("P2").orElseThrow(), "D");
        Patient p3 = d1.createPatient(json("{\"id\":\"P3\",\"note\":\"D's only\"}"));
        EncryptableEntity<?> c3 = d1.createChild(EntityType.CONTACT, json("{\"id\":\"C3\",\"descr\":\"D's contact\"}"), p3);
        shareUnchecked(d1, c3, "A");
        a1.createPatient(json("{\"id\":\"P4\",\"firstName\":\"No\",\"lastName\":\"Secrets\"}"));
        return store;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void shareUnchecked(DelegationService service, EncryptableEntity<?> entity, String delegate) {
        service.shareWith((EncryptableEntity) entity, delegate);
    }

    static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }

    /**
     * What a party can read: per entity it can read, the decrypted fields, the parent ids and, for
     * a patient, the ids of the children it finds (by secret id, checked by parent id). Values that
     * migration and revocation renew on purpose (content keys, secret ids) are left out.
     */
    static Map<String, String> readableSet(DelegationService service) {
        Map<String, String> readable = new TreeMap<>();
        for (EntityType type : EntityType.values()) {
            for (EncryptableEntity<?> entity : service.store().scanEntities(type).toList()) {
                if (!service.canRead(entity)) {
                    continue;
                }
                StringBuilder view = new StringBuilder();
                view.append("fields=").append(sorted(decrypt(service, entity)));
                if (type.isChild()) {
                    view.append(" parents=").append(new TreeSet<>(service.parentIds(entity)));
                }
                if (entity instanceof Patient patient) {
                    TreeSet<String> children = new TreeSet<>();
                    for (EntityType childType : List.of(EntityType.CONTACT, EntityType.FORM, EntityType.HEALTH_ELEMENT)) {
                        service.childrenOf(patient, childType).forEach(child -> children.add(child.id()));
                    }
                    view.append(" children=").append(children);
                }
                readable.put(type + "/" + entity.id(), view.toString());
            }
        }
        return readable;
    }

    /** Every party's readable set. */
    static Map<String, Map<String, String>> readableSets(CryptoProvider provider, EntityStore store) {
        Map<String, Map<String, String>> sets = new TreeMap<>();
        for (String party : PARTIES) {
            sets.put(party, readableSet(TestParties.as(party, provider, store)));
        }
        return sets;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ObjectNode decrypt(DelegationService service, EncryptableEntity<?> entity) {
        return service.decrypt((EncryptableEntity) entity).decryptedFields();
    }

    private static String sorted(ObjectNode fields) {
        TreeMap<String, String> sorted = new TreeMap<>();
        fields.fields().forEachRemaining(field -> sorted.put(field.getKey(), field.getValue().toString()));
        return sorted.toString();
    }

    /** What a store answers when another writer got there first: a conflict on what {@code update} expected. */
    static UpdateResult refused(StoreUpdate update) {
        List<UpdateResult.Conflict> conflicts = new java.util.ArrayList<>();
        update.partyExpectations().forEach(expected -> conflicts.add(UpdateResult.Conflict.party(expected.id())));
        update.entityExpectations().forEach(expected -> conflicts.add(UpdateResult.Conflict.entity(expected.type(), expected.id())));
        update.parties().forEach(party -> conflicts.add(UpdateResult.Conflict.party(party.id())));
        return UpdateResult.conflict(conflicts);
    }

    /** A store that throws at its k-th call (reads and writes alike), then behaves; counts its calls. */
    static class FailingStore extends org.medcrypt.store.ForwardingEntityStore {
        private final int failAt;
        final AtomicInteger calls = new AtomicInteger();

        FailingStore(EntityStore store, int failAt) {
            super(store);
            this.failAt = failAt;
        }

        private void step() {
            if (calls.incrementAndGet() == failAt) {
                throw new IllegalStateException("injected store failure at call " + failAt);
            }
        }

        @Override
        public java.util.Optional<HealthcareParty> party(String id) {
            step();
            return super.party(id);
        }

        @Override
        public java.util.Map<String, HealthcareParty> parties(java.util.Collection<String> ids) {
            step();
            return super.parties(ids);
        }

        @Override
        public List<HealthcareParty> partiesByKeyFingerprint(org.medcrypt.keys.KeyFingerprint fingerprint) {
            step();
            return super.partiesByKeyFingerprint(fingerprint);
        }

        @Override
        public List<HealthcareParty> pairKeyOwnersFor(String delegateId) {
            step();
            return super.pairKeyOwnersFor(delegateId);
        }

        @Override
        public java.util.stream.Stream<HealthcareParty> scanParties() {
            step();
            return super.scanParties();
        }

        @Override
        public java.util.Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
            step();
            return super.entity(type, id);
        }

        @Override
        public java.util.Map<String, EncryptableEntity<?>> entities(EntityType type, java.util.Collection<String> ids) {
            step();
            return super.entities(type, ids);
        }

        @Override
        public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
            step();
            return super.bySecretForeignKey(type, secretForeignKey);
        }

        @Override
        public boolean hasSecretForeignKey(EntityType type, String secretForeignKey) {
            step();
            return super.hasSecretForeignKey(type, secretForeignKey);
        }

        @Override
        public java.util.stream.Stream<EncryptableEntity<?>> sharedWith(EntityType type, String delegateId) {
            step();
            return super.sharedWith(type, delegateId);
        }

        @Override
        public java.util.stream.Stream<EncryptableEntity<?>> scanEntities(EntityType type) {
            step();
            return super.scanEntities(type);
        }

        @Override
        public UpdateResult apply(StoreUpdate update) {
            step();
            return super.apply(update);
        }
    }
}
