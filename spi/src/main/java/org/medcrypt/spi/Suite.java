package org.medcrypt.spi;

/**
 * A named combination of primitives. A provider lists the suites whose every primitive it
 * implements.
 */
public enum Suite {
    /**
     * iCure's legacy format, kept for compatibility with existing data and iCure's SDK: AES-CBC
     * with PKCS#7 and a prepended random IV (no integrity protection), RSA-OAEP with SHA-1 and
     * MGF1-SHA-1, RSA-2048.
     */
    V1_ICURE,
    /** AES-256-GCM with associated data, RSA-OAEP with SHA-256 and MGF1-SHA-256, RSA ≥ 2048. */
    V2_GCM_OAEP256
}
