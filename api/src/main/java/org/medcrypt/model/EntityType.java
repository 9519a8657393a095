package org.medcrypt.model;

/** The encryptable entity types, with the dataset key under which each is listed. */
public enum EntityType {
    /** A patient: the root that contacts, forms and health elements point to. */
    PATIENT("patients"),
    /** A contact (an encounter), a child of a patient. */
    CONTACT("contacts"),
    /** A form, a child of a patient. */
    FORM("forms"),
    /** A health element (a condition, an allergy...), a child of a patient. */
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
