package org.medcrypt.internal.format;

import org.medcrypt.model.DelegationKind;

/**
 * What a v2 value is. The role is in the value's header and in its associated data, so a value
 * moved into another role (a parent id into {@code encryptionKeys}, say) does not open.
 */
public enum ValueRole {
    /** In {@code delegations}: the entity's secret id, which its children carry in clear. */
    SECRET_ID(1),
    /** In {@code encryptionKeys}: the content key of {@code encryptedSelf}. */
    CONTENT_KEY(2),
    /** In {@code cryptedForeignKeys}: the parent's id. */
    PARENT_ID(3),
    /** {@code encryptedSelf}. */
    ENCRYPTED_SELF(4),
    /** A pair key wrapped with RSA-OAEP for one of the pair. */
    WRAPPED_PAIR_KEY(5),
    /** The owner's Ed25519 signature on a pair key. */
    PAIR_KEY_SIGNATURE(6),
    /** A party's Ed25519 signature on its own RSA public key. */
    PUBLIC_KEY_SIGNATURE(7),
    /** A party's old Ed25519 signing key endorsing its next one (key rotation). */
    SIGNING_KEY_ROTATION(8);

    private final int code;

    ValueRole(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ValueRole of(DelegationKind kind) {
        return switch (kind) {
            case DELEGATIONS -> SECRET_ID;
            case ENCRYPTION_KEYS -> CONTENT_KEY;
            case CRYPTED_FOREIGN_KEYS -> PARENT_ID;
        };
    }

    static ValueRole ofCode(int code) {
        for (ValueRole role : values()) {
            if (role.code == code) {
                return role;
            }
        }
        return null;
    }
}
