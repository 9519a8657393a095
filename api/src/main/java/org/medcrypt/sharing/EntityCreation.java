package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medcrypt.MedcryptException;
import org.medcrypt.internal.format.ValueContext;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyForSharing;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.json.Dataset;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;

/** Creates patients and their children in one format, with new keys stored for their creator. */
final class EntityCreation {

    private final String me;
    private final EntityStore store;
    private final PairKeys pairKeys;
    private final ValueReader reader;
    private final ContentCipher content;
    private final StoreTransaction transaction;

    EntityCreation(String me, EntityStore store, PairKeys pairKeys, ValueReader reader, ContentCipher content,
            StoreTransaction transaction) {
        this.me = me;
        this.store = store;
        this.pairKeys = pairKeys;
        this.reader = reader;
        this.content = content;
        this.transaction = transaction;
    }

    Patient createPatient(ObjectNode document, WireFormat format) {
        return create(Patient.fromJson(clean(document)), Optional.empty(), format);
    }

    EncryptableEntity<?> createChild(EntityType type, ObjectNode document, Patient patient, WireFormat format) {
        if (!type.isChild()) {
            throw new IllegalArgumentException(type + " is not a child type: use createPatient");
        }
        EncryptableEntity<?> draft = Dataset.entity(type, clean(document));
        // like iCure's SDK, one secret foreign key: the first this owner can read
        String parentKey = reader.readAll(patient, DelegationKind.DELEGATIONS).get(0).value();
        return create(draft.withSecretForeignKeys(List.of(parentKey)), Optional.of(patient.id()), format);
    }

    private <T extends EncryptableEntity<T>> T create(EncryptableEntity<T> draft, Optional<String> parentId, WireFormat format) {
        return transaction.run(attempt -> {
            if (store.entity(draft.type(), draft.id()).isPresent()) {
                throw new MedcryptException(ValueReader.describe(draft) + " already exists: choose another id");
            }
            PairKeyForSharing self = pairKeys.forSharing(format, me);
            PairKey key = self.key();
            String secretId = format.newEntityKey();
            String contentKey = newContentKey(format, draft, secretId, parentId);
            T entity = draft
                    .withDelegationMap(DelegationKind.DELEGATIONS,
                            Map.of(me, List.of(delegation(format, key, draft, DelegationKind.DELEGATIONS, secretId))))
                    .withDelegationMap(DelegationKind.ENCRYPTION_KEYS,
                            Map.of(me, List.of(delegation(format, key, draft, DelegationKind.ENCRYPTION_KEYS, contentKey))))
                    .withDelegationMap(DelegationKind.CRYPTED_FOREIGN_KEYS, parentId
                            .map(parent -> Map.of(me, List.of(delegation(format, key, draft, DelegationKind.CRYPTED_FOREIGN_KEYS, parent))))
                            .orElse(Map.of()));
            T encrypted = content.encryptFields(entity, format, contentKey);
            StoreUpdate.Builder update = StoreUpdate.builder()
                    .expectEntity(encrypted.type(), encrypted.id(), Optional.empty())
                    .save(encrypted);
            return new StoreTransaction.Attempt<>(Optional.of(update), List.of(self), encrypted, saved -> saved.saved(encrypted));
        }, ValueReader.describe(draft));
    }

    /**
     * A new content key that differs, as key material, from every value of the entity that is or
     * may become public: its secret id (children carry it in clear), its id, its parent's id and
     * the parent's secret ids it carries. A random source that keeps repeating itself is refused.
     */
    private static String newContentKey(WireFormat format, EncryptableEntity<?> draft, String secretId,
            Optional<String> parentId) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        taken.add(ContentKeyRule.normalised(secretId));
        taken.add(ContentKeyRule.normalised(draft.id()));
        parentId.ifPresent(id -> taken.add(ContentKeyRule.normalised(id)));
        draft.secretForeignKeys().forEach(key -> taken.add(ContentKeyRule.normalised(key)));
        for (int attempt = 0; attempt < 3; attempt++) {
            String contentKey = format.newEntityKey();
            if (!taken.contains(ContentKeyRule.normalised(contentKey))) {
                return contentKey;
            }
        }
        throw new org.medcrypt.ProviderException("the crypto provider's random source gave the same value for a content "
                + "key as for a secret id or an id three times: it is broken; nothing was created. Use another provider");
    }

    private Delegation delegation(WireFormat format, PairKey key, EncryptableEntity<?> entity, DelegationKind kind, String value) {
        ValueContext context = new ValueContext(entity.type(), entity.id(), me, me);
        return new Delegation(me, me, format.encryptSmallKey(key, ValueRole.of(kind), context, value));
    }

    /** A clear document without any of the fields medcrypt writes itself. */
    private static ObjectNode clean(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        for (DelegationKind kind : DelegationKind.values()) {
            copy.remove(kind.jsonName());
        }
        copy.remove("secretForeignKeys");
        copy.remove("encryptedSelf");
        copy.remove(org.medcrypt.internal.sharing.SharingInternals.V2_COPY_FIELD);
        return copy;
    }
}
