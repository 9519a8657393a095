package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medcrypt.spi.Suite;
import org.medcrypt.model.EncryptableEntity;

/**
 * What a data owner sees of an entity: the stored (encrypted) entity and the fields decrypted
 * from its {@code encryptedSelf}. A separate type on purpose: a decrypted view cannot be passed
 * back to {@link DelegationService#shareWith} or saved by mistake, which would store the
 * plaintext. {@link #toString()} names the decrypted fields but never shows their values.
 *
 * @param <T> the entity type
 */
public final class DecryptedEntity<T extends EncryptableEntity<T>> {

    private final T encrypted;
    private final ObjectNode decryptedFields;
    private final java.util.Set<String> protectedFields;
    private final Optional<Suite> suite;
    private final Optional<String> contentKeyOwner;
    private final Optional<Provenance> provenance;

    DecryptedEntity(T encrypted, ObjectNode decryptedFields, java.util.Set<String> protectedFields, Optional<Suite> suite,
            Optional<String> contentKeyOwner, Optional<Provenance> provenance) {
        this.encrypted = Objects.requireNonNull(encrypted, "encrypted");
        this.decryptedFields = decryptedFields;
        this.protectedFields = java.util.Set.copyOf(protectedFields);
        this.suite = Objects.requireNonNull(suite, "suite");
        this.contentKeyOwner = Objects.requireNonNull(contentKeyOwner, "contentKeyOwner");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** The party that wrote the content key this view was decrypted with (a delegation's owner). */
    public Optional<String> contentKeyOwner() {
        return contentKeyOwner;
    }

    /**
     * How the pair key that opened the content key was vouched for: {@link Provenance#OWN},
     * {@link Provenance#PINNED}, {@link Provenance#PUBLISHED} or {@link Provenance#UNSIGNED}.
     * Empty when the entity has no {@code encryptedSelf}.
     */
    public Optional<Provenance> provenance() {
        return provenance;
    }

    /** The suite {@code encryptedSelf} is written in; empty when the entity has none. */
    public Optional<Suite> suite() {
        return suite;
    }

    /**
     * True when the content key was read under a v1 pair key that carries no signature its owner
     * made (as iCure's SDK writes them): the data is as authentic as the store is honest.
     */
    public boolean readUnderUnsignedPairKey() {
        return provenance.filter(Provenance.UNSIGNED::equals).isPresent();
    }

    /** The entity as stored, still encrypted: the one to share or navigate with. */
    public T encrypted() {
        return encrypted;
    }

    /** The entity's id. */
    public String id() {
        return encrypted.id();
    }

    /**
     * A decrypted field if there is one, else the clear field of the document — except for the
     * fields configured as encrypted ({@code EncryptedFieldsConfig}) for this type: those come only
     * from {@code encryptedSelf}, never from a clear copy, which anyone who can write documents
     * (the store) could have put there.
     */
    public Optional<JsonNode> field(String name) {
        JsonNode decrypted = decryptedFields.get(name);
        if (decrypted != null) {
            return Optional.of(decrypted.deepCopy());
        }
        return protectedFields.contains(name) ? Optional.empty() : encrypted.field(name);
    }

    /** Only the fields that came out of {@code encryptedSelf}; a copy. */
    public ObjectNode decryptedFields() {
        return decryptedFields.deepCopy();
    }

    /** The names of the fields that came out of {@code encryptedSelf}. */
    public List<String> decryptedFieldNames() {
        List<String> names = new ArrayList<>();
        decryptedFields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The whole document with the decrypted fields merged in (as iCure's SDK shows it); a copy. */
    public ObjectNode toJson() {
        ObjectNode merged = encrypted.toJson();
        protectedFields.forEach(merged::remove); // only their decrypted values, never a clear copy
        decryptedFields.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue().deepCopy()));
        return merged;
    }

    @Override
    public String toString() {
        return "Decrypted" + encrypted + "[decrypted fields " + decryptedFieldNames() + ": <redacted>]";
    }
}
