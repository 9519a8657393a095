package org.medcrypt.sharing;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.medcrypt.model.EntityType;

/**
 * Which top-level fields of each entity type go into {@code encryptedSelf}. Immutable.
 *
 * <p>Defaults: patient {@code note}; contact {@code descr}; form {@code descr}; health element
 * {@code descr} and {@code note}. Fields medcrypt itself manages ({@code id}, the delegation
 * maps, {@code secretForeignKeys}, {@code encryptedSelf}) can never be encrypted.
 */
public final class EncryptedFieldsConfig {

    private static final Set<String> RESERVED = Set.of("id", "rev", "delegations", "encryptionKeys",
            "cryptedForeignKeys", "secretForeignKeys", "encryptedSelf");

    private final Map<EntityType, Set<String>> fields;

    private EncryptedFieldsConfig(Map<EntityType, Set<String>> fields) {
        this.fields = fields;
    }

    /**
     * The defaults: patient {@code note}; contact and form {@code descr}; health element {@code descr} and {@code note}.
     */
    public static EncryptedFieldsConfig defaults() {
        Map<EntityType, Set<String>> fields = new EnumMap<>(EntityType.class);
        fields.put(EntityType.PATIENT, Set.of("note"));
        fields.put(EntityType.CONTACT, Set.of("descr"));
        fields.put(EntityType.FORM, Set.of("descr"));
        fields.put(EntityType.HEALTH_ELEMENT, Set.of("descr", "note"));
        return new EncryptedFieldsConfig(fields);
    }

    /** A copy where {@code type} encrypts exactly {@code fieldNames}. */
    public EncryptedFieldsConfig with(EntityType type, Set<String> fieldNames) {
        Objects.requireNonNull(type, "type");
        for (String name : fieldNames) {
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is managed by medcrypt and cannot be encrypted");
            }
        }
        Map<EntityType, Set<String>> copy = new EnumMap<>(fields);
        copy.put(type, Set.copyOf(new LinkedHashSet<>(fieldNames)));
        return new EncryptedFieldsConfig(copy);
    }

    /** The fields of this entity type that go into {@code encryptedSelf}. */
    public Set<String> fieldsOf(EntityType type) {
        return fields.getOrDefault(type, Set.of());
    }

    @Override
    public String toString() {
        return "EncryptedFieldsConfig" + fields;
    }
}
