package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.internal.ContentJson;
import org.medcrypt.internal.format.SealedValue;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.ContentKey;
import org.medcrypt.internal.keys.KeyCache;
import org.medcrypt.internal.keys.PairKeyTrust;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/** Encrypts the configured fields into {@code encryptedSelf}, and decrypts them for a reader. */
final class ContentCipher {

    private static final Set<String> MANAGED_FIELDS = Set.of("id", "rev", "delegations", "encryptionKeys",
            "cryptedForeignKeys", "secretForeignKeys", "encryptedSelf", SharingInternals.V2_COPY_FIELD);

    private final WireFormats formats;
    private final ValueReader reader;
    private final EncryptedFieldsConfig encryptedFields;
    private final EntityStore store;

    ContentCipher(WireFormats formats, ValueReader reader, EncryptedFieldsConfig encryptedFields, EntityStore store) {
        this.formats = formats;
        this.reader = reader;
        this.encryptedFields = encryptedFields;
        this.store = store;
    }

    /** The entity with its configured fields moved into an {@code encryptedSelf} of {@code format}. */
    <T extends EncryptableEntity<T>> T encryptFields(T entity, WireFormat format, String contentKey) {
        ObjectNode fields = MedcryptJson.nodes().objectNode();
        List<String> names = new ArrayList<>();
        for (String name : encryptedFields.fieldsOf(entity.type())) {
            Optional<JsonNode> value = entity.field(name);
            if (value.isPresent() && !value.get().isNull()) {
                fields.set(name, value.get());
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return entity;
        }
        byte[] json = MedcryptJson.toBytes(fields);
        try {
            return entity.withEncryptedSelf(format.encryptContent(contentKey, entity.type(), entity.id(), json), names);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    /**
     * Decrypts {@code encryptedSelf} with a content key of the same format. v2 keys are bound to
     * their role by the associated data; for v1, whose values carry no role, and for both, a value
     * that may be public is never taken as a key ({@link ContentKeyRule}).
     * Content keys are opened one at a time, until one opens the data; {@code encryptedSelf} is
     * decoded once. An entity migrated with its v1 copy kept ({@link SharingInternals#V2_COPY_FIELD})
     * is read from its v2 copy by a reader holding a v2 content key of it.
     */
    <T extends EncryptableEntity<T>> DecryptedEntity<T> decrypt(T entity) {
        Optional<JsonNode> v2Copy = entity.field(SharingInternals.V2_COPY_FIELD);
        if (v2Copy.isPresent() && holdsV2ContentKey(entity)) {
            // after migrate --keep-v1: a reader with a v2 content key reads the v2 copy only (never
            // the unauthenticated v1 one), and one that is not a v2 copy does not open
            String copy = v2Copy.get().isTextual() ? v2Copy.get().asText() : "";
            if (formats.ofValue(copy).suite() != Suite.V2_GCM_OAEP256) {
                throw new DecryptionFailedException(ValueReader.describe(entity) + " " + SharingInternals.V2_COPY_FIELD);
            }
            return decrypt(entity, Optional.of(copy));
        }
        return decrypt(entity, entity.encryptedSelf());
    }

    private boolean holdsV2ContentKey(EncryptableEntity<?> entity) {
        ValueReader.Reading keys = reader.reading(entity, DelegationKind.ENCRYPTION_KEYS);
        while (keys.hasNext()) {
            if (keys.next().format().suite() == Suite.V2_GCM_OAEP256) {
                return true;
            }
        }
        return false;
    }

    private <T extends EncryptableEntity<T>> DecryptedEntity<T> decrypt(T entity, Optional<String> encryptedSelf) {
        if (encryptedSelf.isEmpty()) {
            return new DecryptedEntity<>(entity, MedcryptJson.nodes().objectNode(), protectedFields(entity),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        WireFormat format = formats.ofValue(encryptedSelf.get());
        Optional<SealedValue> sealed = format.parseContent(encryptedSelf.get());
        if (format.suite() == Suite.V1_ICURE && sealed.isEmpty()) {
            throw new FormatException(ValueReader.describe(entity) + ": encryptedSelf is not valid base64");
        }
        ValueReader.Reading keys = reader.reading(entity, DelegationKind.ENCRYPTION_KEYS);
        if (!keys.hasNext()) {
            throw keys.failure();
        }
        KeyCache cache = reader.cache();
        ContentKeyRule rule = null;
        while (keys.hasNext()) {
            OpenedValue key = keys.next();
            if (key.format() != format || sealed.isEmpty()) {
                continue;
            }
            ContentKeyRead read = new ContentKeyRead(format.suite(), entity.type(), entity.id(), key.value(),
                    format.contentBinding(sealed.get()));
            ContentKey kept = cache.contentKey(read);
            if (kept != null) {
                // this very key passed the rule and opened this entity before (see KeyCache); if it
                // fails now (the data changed, or another thread emptied the memo), it is read afresh
                Optional<DecryptedEntity<T>> opened = open(entity, format, key, sealed.get(), kept);
                if (opened.isPresent()) {
                    return opened.get();
                }
            }
            if (rule == null) {
                rule = new ContentKeyRule(entity, reader, store);
            }
            if (!rule.allows(key)) {
                continue;
            }
            Optional<ContentKey> fresh = format.contentKey(key.value(), entity.type(), entity.id(), sealed.get());
            if (fresh.isEmpty()) {
                continue;
            }
            Optional<DecryptedEntity<T>> opened = Optional.empty();
            try {
                opened = open(entity, format, key, sealed.get(), fresh.get());
            } finally {
                if (opened.isPresent()) {
                    cache.rememberContentKey(read, fresh.get());
                } else {
                    fresh.get().destroy();
                }
            }
            if (opened.isPresent()) {
                return opened.get();
            }
        }
        throw new DecryptionFailedException(ValueReader.describe(entity) + " encryptedSelf");
    }

    /** The entity with its encrypted fields, if {@code contentKey} opens them. */
    private <T extends EncryptableEntity<T>> Optional<DecryptedEntity<T>> open(T entity, WireFormat format, OpenedValue key,
            SealedValue sealed, ContentKey contentKey) {
        Optional<byte[]> json = format.decryptContent(contentKey, entity.type(), entity.id(), sealed);
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Optional<ObjectNode> fields = parse(json.get());
        // fields medcrypt manages would change the entity's identity or access if merged: refused
        // exactly as data that does not open, since any other answer after decryption is an
        // oracle on the plaintext of CBC, which an attacker can shape by flipping bits
        if (fields.isEmpty() || holdsManagedFields(fields.get())) {
            return Optional.empty();
        }
        return Optional.of(new DecryptedEntity<>(entity, fields.get(), protectedFields(entity), Optional.of(format.suite()),
                Optional.of(key.owner()), provenanceOf(key.trust())));
    }

    /**
     * The content-key memo's key: the entity, the content key and what a made-ready key depends on
     * besides ({@link WireFormat#contentBinding}). Equality written out: it runs on every read.
     */
    private static final class ContentKeyRead {
        private final Suite suite;
        private final EntityType type;
        private final String entityId;
        private final String contentKey;
        private final byte[] binding;
        private final int hash;

        ContentKeyRead(Suite suite, EntityType type, String entityId, String contentKey, byte[] binding) {
            this.suite = suite;
            this.type = type;
            this.entityId = entityId;
            this.contentKey = contentKey;
            this.binding = binding;
            this.hash = (entityId.hashCode() * 31 + contentKey.hashCode()) * 31 + Arrays.hashCode(binding);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ContentKeyRead read && hash == read.hash && suite == read.suite && type == read.type
                    && entityId.equals(read.entityId) && contentKey.equals(read.contentKey)
                    && Arrays.equals(binding, read.binding);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return "ContentKeyRead[" + type + " " + entityId + ", <redacted>]";
        }
    }

    /**
     * The public view of a pair key's trust verdict; empty for {@link PairKeyTrust#REJECTED}. Here
     * rather than in {@code internal.keys}, which must not depend on {@code sharing}.
     */
    private static Optional<Provenance> provenanceOf(PairKeyTrust trust) {
        return switch (trust) {
            case SIGNED_OWN -> Optional.of(Provenance.OWN);
            case SIGNED_PINNED -> Optional.of(Provenance.PINNED);
            case SIGNED_PUBLISHED -> Optional.of(Provenance.PUBLISHED);
            case UNSIGNED -> Optional.of(Provenance.UNSIGNED);
            case REJECTED -> Optional.empty();
        };
    }

    /** The fields of this type that are encrypted: a clear copy of one is never shown (the store could write it). */
    private Set<String> protectedFields(EncryptableEntity<?> entity) {
        return Set.copyOf(encryptedFields.fieldsOf(entity.type()));
    }

    private static Optional<ObjectNode> parse(byte[] json) {
        try {
            return ContentJson.parseObject(json);
        } finally {
            Arrays.fill(json, (byte) 0);
        }
    }

    private static boolean holdsManagedFields(ObjectNode fields) {
        for (java.util.Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
            if (MANAGED_FIELDS.contains(names.next())) {
                return true;
            }
        }
        return false;
    }
}
