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
    private final Optional<Suite> suite;
    private final boolean unsignedPairKey;

    DecryptedEntity(T encrypted, ObjectNode decryptedFields, Optional<Suite> suite, boolean unsignedPairKey) {
        this.encrypted = Objects.requireNonNull(encrypted, "encrypted");
        this.decryptedFields = decryptedFields;
        this.suite = Objects.requireNonNull(suite, "suite");
        this.unsignedPairKey = unsignedPairKey;
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
        return unsignedPairKey;
    }

    /** The entity as stored, still encrypted: the one to share or navigate with. */
    public T encrypted() {
        return encrypted;
    }

    public String id() {
        return encrypted.id();
    }

    /** A decrypted field if there is one, else the clear field of the document. */
    public Optional<JsonNode> field(String name) {
        JsonNode decrypted = decryptedFields.get(name);
        return decrypted != null ? Optional.of(decrypted.deepCopy()) : encrypted.field(name);
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
        decryptedFields.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue().deepCopy()));
        return merged;
    }

    @Override
    public String toString() {
        return "Decrypted" + encrypted + "[decrypted fields " + decryptedFieldNames() + ": <redacted>]";
    }
}
