package org.medcrypt.spi;

/**
 * A named combination of primitives. A provider lists the suites whose every primitive it
 * implements.
 */
public enum Suite {
    /**
     * iCure's legacy format, kept for compatibility with existing data and iCure's SDK: AES-CBC
     * with PKCS#7 and a prepended random IV (no integrity protection), RSA-OAEP with SHA-1 and
     * MGF1-SHA-1, RSA-2048. Pair keys medcrypt creates in this format are also signed with
     * Ed25519, in a field iCure's SDK ignores.
     */
    V1_ICURE,
    /**
     * medcrypt's authenticated format: AES-256-GCM with associated data that binds every value to
     * its entity, role and pair; HKDF-SHA-256 for key derivation and key commitment; RSA-OAEP
     * with SHA-256 and MGF1-SHA-256 (RSA 2048 to 4096); Ed25519-signed pair keys.
     */
    V2_GCM_OAEP256
}
