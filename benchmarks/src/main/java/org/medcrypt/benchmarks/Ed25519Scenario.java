package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;

/**
 * Pair-key signature verification: Ed25519 (RFC 8032) over the message an owner signs when it
 * creates a v2 pair key (docs/v2-format.md: suite, key id, owner and delegate ids, both key
 * fingerprints, both wrapped copies; {@value #MESSAGE_LENGTH} bytes here), with a public key
 * parsed once, through a provider's {@code ed25519().verify}, the JDK's {@code Signature
 * "Ed25519"} (SunEC; Conscrypt 2.5 has no Ed25519, so there is no raw Conscrypt row) or ACCP's
 * (AWS-LC, on a key parsed by SunEC: ACCP 2.5 registers no Ed25519 key factory). A reader
 * verifies once per pair key (then {@code PairKeyCache} keeps the verdict).
 */
public abstract class Ed25519Scenario {

    static final int MESSAGE_LENGTH = 851;
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    final byte[] message = pairKeyMessage();
    final byte[] publicKey;
    final byte[] signature;

    Ed25519Scenario() throws GeneralSecurityException {
        CryptoProvider signer = Impls.provider("jca");
        Ed25519PrivateKey key = signer.ed25519().importPrivateKey(Data.bytes(32, 51));
        try {
            this.publicKey = key.publicKey();
            this.signature = signer.ed25519().sign(key, message);
        } finally {
            key.destroy();
        }
    }

    public static Ed25519Scenario create(String impl) throws GeneralSecurityException {
        if (impl.equals(Impls.RAW_JDK) || impl.equals(Impls.RAW_ACCP)) {
            return new Raw(impl.equals(Impls.RAW_JDK) ? Security.getProvider("SunEC")
                    : RawJceScenario.cipherProvider(RawJceScenario.ACCP));
        }
        if (Impls.isRaw(impl)) {
            throw new IllegalArgumentException("no raw Ed25519 baseline for " + impl);
        }
        return new Spi(Impls.provider(impl));
    }

    /** What a v2 pair-key signature covers, with wrapped copies of the real length (RSA-2048). */
    static byte[] pairKeyMessage() {
        String fingerprint = Data.text(32, 52);
        String wrapped = "mc2:" + Data.text(346, 53);
        byte[] out = Data.tagged("medcrypt pair key signature", "v2", "AAECAwQFBgcICQoLDA0ODw", "D1", "R",
                fingerprint, fingerprint, wrapped, wrapped);
        if (out.length != MESSAGE_LENGTH) {
            throw new IllegalStateException("message is " + out.length + " bytes");
        }
        return out;
    }

    abstract boolean verify() throws GeneralSecurityException;

    public void check() throws GeneralSecurityException {
        if (!verify()) {
            throw new IllegalStateException(getClass().getSimpleName() + ": a valid signature does not verify");
        }
    }

    static final class Spi extends Ed25519Scenario {
        private final CryptoProvider provider;
        private final Ed25519PublicKey key;

        Spi(CryptoProvider provider) throws GeneralSecurityException {
            this.provider = provider;
            this.key = provider.ed25519().importPublicKey(publicKey);
        }

        @Override
        boolean verify() {
            return provider.ed25519().verify(key, message, signature);
        }
    }

    /** One cached {@code Signature} and a key parsed once: what a careful direct user writes. */
    static final class Raw extends Ed25519Scenario {
        private final Signature verifier;
        private final PublicKey key;

        Raw(Provider provider) throws GeneralSecurityException {
            this.verifier = Signature.getInstance("Ed25519", provider);
            this.key = KeyFactory.getInstance("Ed25519", "SunEC")
                    .generatePublic(new X509EncodedKeySpec(Data.concat(SPKI_PREFIX, publicKey)));
        }

        @Override
        boolean verify() throws GeneralSecurityException {
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        }
    }
}
