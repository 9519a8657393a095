package org.medcrypt.model;

/** The encryptable entity types, with the dataset key under which each is listed. */
public enum EntityType {
    PATIENT("patients"),
    CONTACT("contacts"),
    FORM("forms"),
    HEALTH_ELEMENT("healthElements");

    private final String collection;

    EntityType(String collection) {
        this.collection = collection;
    }

    /** The key of this type's list in a dataset file, e.g. {@code "healthElements"}. */
    public String collection() {
        return collection;
    }

    /** True for types that are children of a patient. */
    public boolean isChild() {
        return this != PATIENT;
    }
}
