package org.medcrypt.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An iCure Contact document. Immutable; see {@link EncryptableEntity}. */
public final class Contact extends EncryptableEntity<Contact> {

    private Contact(ObjectNode document) {
        super(document);
    }

    /**
     * Reads a document in iCure's shape.
     *
     * @throws org.medcrypt.FormatException if a field medcrypt uses is missing or malformed
     */
    public static Contact fromJson(ObjectNode document) {
        return new Contact(document.deepCopy());
    }

    @Override
    public EntityType type() {
        return EntityType.CONTACT;
    }

    @Override
    protected Contact newInstance(ObjectNode document) {
        return new Contact(document);
    }
}
