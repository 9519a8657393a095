package org.medcrypt.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An iCure Patient document. Immutable; see {@link EncryptableEntity}. */
public final class Patient extends EncryptableEntity<Patient> {

    private Patient(ObjectNode document) {
        super(document);
    }

    /**
     * Reads a document in iCure's shape.
     *
     * @throws org.medcrypt.FormatException if a field medcrypt uses is missing or malformed
     */
    public static Patient fromJson(ObjectNode document) {
        return new Patient(document.deepCopy());
    }

    @Override
    public EntityType type() {
        return EntityType.PATIENT;
    }

    @Override
    protected Patient newInstance(ObjectNode document) {
        return new Patient(document);
    }
}
