package org.medcrypt.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.spi.EncodedEd25519KeyPair;

/**
 * The keys of the parties of the scheme scenarios: an RSA-2048 key pair and an Ed25519 signing key
 * (which every party needs to create pair keys). The parties the benchmarks name are fixtures
 * ({@code party-keys.txt}): a forked benchmark JVM would otherwise spend most of its set-up on
 * prime search, up to a second for a record's six parties. Any other party gets keys made once
 * per JVM (RSA by the JDK, Ed25519 by the {@code jca} provider). Any provider parses them;
 * generating them is not what those scenarios measure.
 */
final class PartyKeys {

    private static final Map<String, String[]> FIXTURES = readFixtures();
    private static final Map<String, KeyPair> KEYS = new ConcurrentHashMap<>();
    private static final Map<String, byte[]> SIGNING_SEEDS = new ConcurrentHashMap<>();

    private PartyKeys() {
    }

    /** party → {RSA PKCS#8 hex, Ed25519 seed hex}. */
    private static Map<String, String[]> readFixtures() {
        Map<String, String[]> fixtures = new HashMap<>();
        try (InputStream in = PartyKeys.class.getResourceAsStream("party-keys.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split(" ");
                if (!line.startsWith("#") && fields.length == 3) {
                    fixtures.put(fields[0], new String[] {fields[1], fields[2]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fixtures;
    }

    static KeyPair of(String party) {
        return KEYS.computeIfAbsent(party, p -> {
            try {
                String[] fixture = FIXTURES.get(p);
                if (fixture == null) {
                    return RawJceScenario.generateRsa2048(RawJceScenario.JDK);
                }
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                        new PKCS8EncodedKeySpec(HexFormat.of().parseHex(fixture[0])));
                return new KeyPair(rsa.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                        privateKey.getPublicExponent())), privateKey);
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
            String[] fixture = FIXTURES.get(p);
            if (fixture != null) {
                return HexFormat.of().parseHex(fixture[1]);
            }
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
