package org.medcrypt.agility;

import java.util.List;
import java.util.Objects;

/**
 * A request, written by a party that rotated its keys, that another party re-wrap the pair keys it
 * owns with the requester for the requester's new RSA key: medcrypt's form of iCure's
 * {@code KEY_PAIR_UPDATE} maintenance task. It lives in the requester's party document, in
 * {@code medcryptKeyUpdateRequests} (see the README, "Rotating keys"). Public data only: a proof is
 * a value derived from a pair key, from which the key cannot be recovered.
 *
 * @param id a random UUID
 * @param requester the party that rotated ({@code dataOwnerConcernedId})
 * @param granter the party asked to re-wrap its pair keys ({@code responsible})
 * @param newPublicKey the requester's new RSA public key, SPKI hex ({@code dataOwnerConcernedPubKey})
 * @param status {@code "pending"}, {@code "completed"} or {@code "cancelled"}
 * @param proofs per pair key the requester could open with its old key: HKDF-SHA-256 of the pair
 *     key over the pair, the suite and the new public key, as hex; the granter re-wraps only a pair
 *     key whose proof is here, so a store cannot ask for a key to be re-wrapped for a key it holds
 */
public record KeyUpdateRequest(String id, String requester, String granter, String newPublicKey, String status,
        List<String> proofs) {

    /** The {@code taskType} of the request document, as iCure names its maintenance task. */
    public static final String TASK_TYPE = "KEY_PAIR_UPDATE";
    /** Status of a request not fulfilled yet. */
    public static final String PENDING = "pending";
    /** Status of a request the granter fulfilled. */
    public static final String COMPLETED = "completed";
    /** Status of a request superseded by a later rotation, or naming a key that is no longer current. */
    public static final String CANCELLED = "cancelled";

    public KeyUpdateRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(granter, "granter");
        Objects.requireNonNull(newPublicKey, "newPublicKey");
        Objects.requireNonNull(status, "status");
        proofs = List.copyOf(proofs);
    }

    /** Whether the request still waits for its granter. */
    public boolean isPending() {
        return PENDING.equals(status);
    }
}
