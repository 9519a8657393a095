package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.spi.EncodedEd25519KeyPair;

/**
 * The keys of the parties of the scheme scenarios, made once per JVM: an RSA-2048 key pair (with
 * the JDK) and an Ed25519 signing key (with the {@code jca} provider), which every party needs to
 * create pair keys. Any provider parses them; generating them is not what those scenarios measure.
 */
final class PartyKeys {

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> SIGNING_SEEDS = new ConcurrentHashMap<>();

    private PartyKeys() {
    }

    static KeyPair of(String party) {
        return KEYS.computeIfAbsent(party, p -> {
            try {
                return RawJceScenario.generateRsa2048(RawJceScenario.JDK);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static byte[] pkcs8(String party) {
        return of(party).getPrivate().getEncoded();
    }

    static byte[] spki(String party) {
        return of(party).getPublic().getEncoded();
    }

    static String spkiHex(String party) {
        return HexFormat.of().formatHex(spki(party));
    }

    /** The party's Ed25519 signing key as RFC 8410 PKCS#8, a fresh copy the caller may wipe. */
    static byte[] signingPkcs8(String party) {
        byte[] seed = SIGNING_SEEDS.computeIfAbsent(party, p -> {
            try {
                EncodedEd25519KeyPair pair = Impls.provider("jca").ed25519().generateKeyPair();
                try {
                    return pair.seed();
                } finally {
                    pair.destroy();
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        return DataOwnerKeys.ed25519Pkcs8(seed);
    }
}
