/**
 * medcrypt's crypto provider on Google Tink (id {@code tink}). AES-GCM, Ed25519, HKDF (over a
 * JCA HMAC), randomness and AES key generation are Tink's own; AES-CBC, RSA-OAEP and RSA keys go
 * through Tink's {@code EngineFactory} to JCA, because Tink has no such primitives.
 */
module org.medcrypt.provider.tink {
    requires org.medcrypt.spi;
    requires com.google.crypto.tink;

    provides org.medcrypt.spi.CryptoProvider with org.medcrypt.provider.tink.TinkCryptoProvider;
}
