/**
 * medcrypt's crypto provider on JCA: {@code jca} runs on the JDK's own JCA providers (SunJCE,
 * SunRsaSign, SUN, and SunEC for Ed25519), {@code conscrypt} on Conscrypt (BoringSSL) used as a
 * JCA provider object that is never installed globally, with the JDK's SunEC for the Ed25519 it
 * lacks. SunEC is reached through JCA by name, so a runtime image needs {@code jdk.crypto.ec}.
 *
 * <p>Conscrypt is a plain {@code requires}: its jar ({@code conscrypt-openjdk-uber}, automatic
 * module name {@code org.conscrypt}) must be on the module path. Where its native library cannot
 * load, the {@code conscrypt} provider reports itself unavailable instead of failing.
 */
@SuppressWarnings("requires-automatic")
module org.medcrypt.provider.jca {
    requires org.medcrypt.spi;
    requires org.conscrypt;

    exports org.medcrypt.provider.jca;

    provides org.medcrypt.spi.CryptoProvider with
            org.medcrypt.provider.jca.JcaCryptoProvider,
            org.medcrypt.provider.jca.ConscryptCryptoProvider;
}
