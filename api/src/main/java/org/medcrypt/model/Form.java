package org.medcrypt.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An iCure Form document. Immutable; see {@link EncryptableEntity}. */
public final class Form extends EncryptableEntity<Form> {

    private Form(ObjectNode document) {
        super(document);
    }

    /**
     * Reads a document in iCure's shape.
     *
     * @throws org.medcrypt.FormatException if a field medcrypt uses is missing or malformed
     */
    public static Form fromJson(ObjectNode document) {
        return new Form(document.deepCopy());
    }

    @Override
    public EntityType type() {
        return EntityType.FORM;
    }

    @Override
    protected Form newInstance(ObjectNode document) {
        return new Form(document);
    }
}
