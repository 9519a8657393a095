/**
 * medcrypt's crypto provider on Google Tink (id {@code tink}). AES-GCM, Ed25519, HKDF (over a
 * JCA HMAC), randomness and AES key generation are Tink's own; AES-CBC, RSA-OAEP and RSA keys go
 * through Tink's {@code EngineFactory} to JCA, because Tink has no such primitives.
 */
module org.medcrypt.provider.tink {
    requires org.medcrypt.spi;
    requires com.google.crypto.tink;

    // as jca and bouncycastle: TinkCryptoProvider.create() for code that picks the provider by type;
    // every other class of the package is package-private
    exports org.medcrypt.provider.tink;

    provides org.medcrypt.spi.CryptoProvider with org.medcrypt.provider.tink.TinkCryptoProvider;
}
