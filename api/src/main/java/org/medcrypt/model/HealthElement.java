package org.medcrypt.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An iCure HealthElement document. Immutable; see {@link EncryptableEntity}. */
public final class HealthElement extends EncryptableEntity<HealthElement> {

    private HealthElement(ObjectNode document) {
        super(document);
    }

    /**
     * Reads a document in iCure's shape.
     *
     * @throws org.medcrypt.FormatException if a field medcrypt uses is missing or malformed
     */
    public static HealthElement fromJson(ObjectNode document) {
        return new HealthElement(document.deepCopy());
    }

    @Override
    public EntityType type() {
        return EntityType.HEALTH_ELEMENT;
    }

    @Override
    protected HealthElement newInstance(ObjectNode document) {
        return new HealthElement(document);
    }
}
