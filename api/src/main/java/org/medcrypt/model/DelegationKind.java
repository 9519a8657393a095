package org.medcrypt.model;

/** The three maps of encrypted small keys an entity carries, with their iCure field names. */
public enum DelegationKind {
    /** The entity's secret foreign key: children carry it in clear in {@code secretForeignKeys}. */
    DELEGATIONS("delegations"),
    /** The entity's content key, which encrypts {@code encryptedSelf}. */
    ENCRYPTION_KEYS("encryptionKeys"),
    /** The id of the entity's parent (e.g. the patient of a contact). */
    CRYPTED_FOREIGN_KEYS("cryptedForeignKeys");

    private final String jsonName;

    DelegationKind(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The map's field name in iCure's documents, e.g. {@code "encryptionKeys"}. */
    public String jsonName() {
        return jsonName;
    }
}
