/**
 * medcrypt's crypto provider on JCA: {@code jca} runs on the JDK's own JCA providers (SunJCE,
 * SunRsaSign, SUN, and SunEC for Ed25519), {@code conscrypt} on Conscrypt (BoringSSL) used as a
 * JCA provider object that is never installed globally, with the JDK's SunEC for the Ed25519 it
 * lacks, and {@code accp} on Amazon Corretto Crypto Provider (AWS-LC), likewise never installed,
 * with SunJCE for OAEP labels and SunEC for the Ed25519 key factory it lacks. SunEC is reached
 * through JCA by name, so a runtime image needs {@code jdk.crypto.ec}.
 *
 * <p>Conscrypt and ACCP are plain {@code requires}: Conscrypt's jar ({@code
 * conscrypt-openjdk-uber}, automatic module name {@code org.conscrypt}) and ACCP's
 * ({@code AmazonCorrettoCryptoProvider} with a platform classifier, module {@code
 * com.amazon.corretto.crypto.provider}) must be on the module path. Where a native library cannot
 * load, its provider reports itself unavailable instead of failing.
 */
@SuppressWarnings("requires-automatic")
module org.medcrypt.provider.jca {
    requires org.medcrypt.spi;
    requires org.conscrypt;
    requires com.amazon.corretto.crypto.provider;

    exports org.medcrypt.provider.jca;

    provides org.medcrypt.spi.CryptoProvider with
            org.medcrypt.provider.jca.JcaCryptoProvider,
            org.medcrypt.provider.jca.ConscryptCryptoProvider,
            org.medcrypt.provider.jca.AccpCryptoProvider;
}
