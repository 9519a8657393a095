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
            String contentKey = format.newEntityKey();
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
