package org.medcrypt.spi;

/**
 * The RSA-OAEP parameter sets this SPI supports. The hash and the MGF1 hash are always named
 * explicitly: JCA's {@code "RSA/ECB/OAEPWithSHA-256AndMGF1Padding"} silently uses MGF1-SHA-1,
 * which is {@link #SHA256_MGF1_SHA1}, not {@link #SHA256_MGF1_SHA256}.
 */
public enum OaepParameters {
    /** Suite v1 (iCure, WebCrypto {@code RSA-OAEP} with {@code SHA-1}). */
    SHA1_MGF1_SHA1("SHA-1", "SHA-1", 20),
    /** Suite v2. */
    SHA256_MGF1_SHA256("SHA-256", "SHA-256", 32),
    /** JCA's default for OAEP with SHA-256; supported for reading data written that way. */
    SHA256_MGF1_SHA1("SHA-256", "SHA-1", 32);

    private final String hash;
    private final String mgf1Hash;
    private final int hashLength;

    OaepParameters(String hash, String mgf1Hash, int hashLength) {
        this.hash = hash;
        this.mgf1Hash = mgf1Hash;
        this.hashLength = hashLength;
    }

    /** JCA standard name of the label hash, e.g. {@code "SHA-256"}. */
    public String hash() {
        return hash;
    }

    /** JCA standard name of the MGF1 hash. */
    public String mgf1Hash() {
        return mgf1Hash;
    }

    /** Output length of {@link #hash()} in bytes. */
    public int hashLength() {
        return hashLength;
    }

    /** The largest plaintext OAEP can carry under a modulus of {@code modulusBits}. */
    public int maxPlaintextLength(int modulusBits) {
        return (modulusBits + 7) / 8 - 2 * hashLength - 2;
    }

    /**
     * The check every provider makes before encrypting, with one message for all of them.
     *
     * @throws java.security.GeneralSecurityException if {@code plaintextLength} is over
     *     {@link #maxPlaintextLength(int)}
     */
    public void checkPlaintextLength(int modulusBits, int plaintextLength)
            throws java.security.GeneralSecurityException {
        int max = maxPlaintextLength(modulusBits);
        if (plaintextLength > max) {
            throw new java.security.GeneralSecurityException("RSA-OAEP with " + this + " and a " + modulusBits
                    + "-bit key encrypts at most " + max + " bytes, not " + plaintextLength);
        }
    }
}
