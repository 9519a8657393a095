/**
 * medcrypt's crypto provider on the Bouncy Castle LTS lightweight API (provider id
 * {@code bouncycastle}). Uses Bouncy Castle's native AES (AES-NI/VAES) where the LTS jar ships it
 * for the platform, and its pure-Java engines elsewhere.
 */
module org.medcrypt.provider.bouncycastle {
    requires org.medcrypt.spi;
    requires org.bouncycastle.lts.prov;

    exports org.medcrypt.provider.bouncycastle;

    provides org.medcrypt.spi.CryptoProvider
            with org.medcrypt.provider.bouncycastle.BouncyCastleCryptoProvider;
}
