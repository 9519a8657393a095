package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * RSA-2048 key pairs for the parties of the scheme scenarios, made once per JVM with the JDK (any
 * provider parses them; generating them is not what those scenarios measure).
 */
final class PartyKeys {

    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();

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
}
