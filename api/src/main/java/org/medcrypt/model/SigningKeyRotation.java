package org.medcrypt.model;

import java.util.Objects;

/**
 * One step of a party's signing-key history, as its document records it in
 * {@code medcryptSigningKeyRotations} (a field iCure's SDK ignores): the old Ed25519 signing key
 * endorses the next one, so that a reader who pinned the old key can follow the rotation. Public
 * data only.
 *
 * @param previous the old signing public key, 64 hex digits
 * @param next the new signing public key, 64 hex digits
 * @param signature the old key's signature ({@code mc2:} value, role 08) of
 *     {@code "medcrypt signing key rotation" 00 ‖ f(party id) ‖ f(previous) ‖ f(next)}
 */
public record SigningKeyRotation(String previous, String next, String signature) {
    public SigningKeyRotation {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(signature, "signature");
    }
}
