package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.Hkdf;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;

/**
 * Project Wycheproof vectors (bundled under {@code org/medcrypt/tck/wycheproof/}, see the README
 * there). Each case is a dynamic test named {@code tcId N: comment [result]}; each file ends with
 * a {@code summary} test that prints one line of counts and asserts that every case in scope
 * passed and every case of the file was counted.
 *
 * <p>Cases outside the SPI's parameters are "refused": where the SPI can express them (a GCM
 * nonce other than 12 bytes, an RSA modulus below 2048 bits) the provider must be seen to refuse
 * them; where it cannot (OAEP hashes other than the three {@link OaepParameters}) they are only
 * counted.
 *
 * <p>For Ed25519 a valid case must import its public key and verify; an invalid one is rejected
 * when {@code verify} returns false (never throws) or the public key is refused on import, as the
 * SPI allows. For HKDF a valid case must derive {@code okm}; the invalid ones ask for more than
 * 255 × 32 bytes and must throw a {@link GeneralSecurityException}.
 */
public abstract class WycheproofConformance extends ConformanceSection {

    private static final String RESOURCES = "/org/medcrypt/tck/wycheproof/";
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode load(String file) {
        try (InputStream in = WycheproofConformance.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector resource " + RESOURCES + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(JsonNode test, String suffix) {
        String comment = test.path("comment").asText();
        return "tcId " + test.get("tcId").asInt() + ": " + (comment.isBlank() ? "(no comment)" : comment)
                + " [" + test.get("result").asText() + suffix + "]";
    }

    private static byte[] bytes(JsonNode test, String field) {
        return hex(test.get(field).asText());
    }

    private static boolean validAesKeyLength(int bytes) {
        return bytes == 16 || bytes == 24 || bytes == 32;
    }

    /**
     * A dynamic test whose failure message starts with the provider, file and case, because
     * build reports name dynamic tests by index ({@code aesGcm()[3][17]}), not by display name.
     */
    private static DynamicNode caseTest(WycheproofTally tally, String name, Executable body) {
        return dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (Exception | AssertionError e) {
                AssertionError labelled = new AssertionError(
                        "[provider=" + tally.providerId + "] " + tally.file + " " + name + ": " + e, e);
                labelled.setStackTrace(e.getStackTrace());
                throw labelled;
            }
        });
    }

    private static DynamicNode summary(WycheproofTally tally) {
        return dynamicTest("summary: " + tally.file, tally::printAndCheck);
    }

    private static DynamicNode group(String title, List<DynamicNode> tests) {
        return dynamicContainer(title + " (" + tests.size() + " tests)", tests);
    }

    // ---------------------------------------------------------------------------------- AES-GCM

    @TestFactory
    List<DynamicNode> aesGcm() {
        String file = "aes_gcm_test.json";
        JsonNode root = load(file);
        CryptoProvider provider = p();
        WycheproofTally tally = new WycheproofTally(file, provider.id(), root.get("numberOfTests").asInt());
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode g : root.get("testGroups")) {
            int ivSize = g.get("ivSize").asInt();
            int tagSize = g.get("tagSize").asInt();
            int keySize = g.get("keySize").asInt();
            List<DynamicNode> tests = new ArrayList<>();
            for (JsonNode t : g.get("tests")) {
                byte[] key = bytes(t, "key");
                byte[] iv = bytes(t, "iv");
                byte[] aad = bytes(t, "aad");
                byte[] msg = bytes(t, "msg");
                byte[] ct = bytes(t, "ct");
                byte[] tag = bytes(t, "tag");
                String result = t.get("result").asText();
                if (!validAesKeyLength(key.length)) {
                    tally.expectRefused(1);
                    tests.add(caseTest(tally, name(t, "; refused: " + key.length * 8 + "-bit key"), () -> {
                        assertGse("importKey of " + key.length + " bytes", () -> provider.aesKeys().importKey(key));
                        tally.refusedConfirmed(1);
                    }));
                } else if (iv.length != 12) {
                    // The SPI allows only 96-bit nonces: whatever the vector's result, the provider
                    // must refuse the nonce, on encryption and on decryption.
                    tally.expectRefused(1);
                    tests.add(caseTest(tally, name(t, "; refused: " + iv.length * 8 + "-bit nonce outside SPI"), () -> {
                        AesKey k = provider.aesKeys().importKey(key);
                        assertGse("encryptWithNonce, " + iv.length + "-byte nonce",
                                () -> provider.aesGcm().encryptWithNonce(k, iv, msg, aad));
                        assertGse("decryptWithNonce, " + iv.length + "-byte nonce",
                                () -> provider.aesGcm().decryptWithNonce(k, iv, concat(ct, tag), aad));
                        tally.refusedConfirmed(1);
                    }));
                } else if (tagSize != 128 || tag.length != 16) {
                    // A truncated tag cannot be asked for through the SPI: counted, not run.
                    tally.inexpressible(1);
                } else {
                    tally.expect(result);
                    tests.add(caseTest(tally, name(t, ""), gcmCase(provider, tally, result, key, iv, aad, msg, ct, tag)));
                }
            }
            out.add(group("keySize " + keySize + ", ivSize " + ivSize + ", tagSize " + tagSize, tests));
        }
        out.add(summary(tally));
        return out;
    }

    private static Executable gcmCase(
            CryptoProvider provider, WycheproofTally tally, String result,
            byte[] key, byte[] iv, byte[] aad, byte[] msg, byte[] ct, byte[] tag) {
        return () -> {
            AesKey k = provider.aesKeys().importKey(key);
            byte[] ctAndTag = concat(ct, tag);
            switch (result) {
                case "valid" -> {
                    assertThat(provider.aesGcm().decryptWithNonce(k, iv, ctAndTag, aad)).as("decryptWithNonce").isEqualTo(msg);
                    assertThat(provider.aesGcm().decrypt(k, concat(iv, ctAndTag), aad)).as("decrypt(nonce ‖ ct ‖ tag)").isEqualTo(msg);
                    assertThat(decryptInsideLargerBuffer(provider, k, concat(iv, ctAndTag), aad))
                            .as("decrypt(buffer, offset, length) of nonce ‖ ct ‖ tag between other bytes").isEqualTo(msg);
                    assertThat(provider.aesGcm().encryptWithNonce(k, iv, msg, aad)).as("encryptWithNonce = ct ‖ tag").isEqualTo(ctAndTag);
                    tally.validPassed();
                }
                case "invalid" -> {
                    assertGse("decryptWithNonce of an invalid case", () -> provider.aesGcm().decryptWithNonce(k, iv, ctAndTag, aad));
                    assertGse("decrypt(nonce ‖ ct ‖ tag) of an invalid case", () -> provider.aesGcm().decrypt(k, concat(iv, ctAndTag), aad));
                    assertGse("decrypt(buffer, offset, length) of an invalid case",
                            () -> decryptInsideLargerBuffer(provider, k, concat(iv, ctAndTag), aad));
                    tally.invalidRejected();
                }
                default -> {
                    // No "acceptable" AES-GCM cases exist in the bundled file; should a future
                    // file add some: either outcome, but only a GeneralSecurityException, and a
                    // decryption must give msg.
                    tally.acceptable(acceptableOutcome(() -> provider.aesGcm().decryptWithNonce(k, iv, ctAndTag, aad), msg));
                }
            }
        };
    }

    /** {@code value} with 3 bytes before it and 5 after, decrypted in place by range. */
    private static byte[] decryptInsideLargerBuffer(CryptoProvider provider, AesKey k, byte[] value, byte[] aad)
            throws GeneralSecurityException {
        byte[] buffer = concat(new byte[] {0x5a, (byte) 0xa5, 0x3c}, value, new byte[] {1, 2, 3, 4, 5});
        return provider.aesGcm().decrypt(k, buffer, 3, value.length, aad);
    }

    // ------------------------------------------------------------------------------ AES-CBC-PKCS5

    @TestFactory
    List<DynamicNode> aesCbcPkcs5() {
        String file = "aes_cbc_pkcs5_test.json";
        JsonNode root = load(file);
        CryptoProvider provider = p();
        WycheproofTally tally = new WycheproofTally(file, provider.id(), root.get("numberOfTests").asInt());
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode g : root.get("testGroups")) {
            List<DynamicNode> tests = new ArrayList<>();
            for (JsonNode t : g.get("tests")) {
                byte[] key = bytes(t, "key");
                byte[] iv = bytes(t, "iv");
                byte[] msg = bytes(t, "msg");
                byte[] ct = bytes(t, "ct");
                String result = t.get("result").asText();
                if (!validAesKeyLength(key.length)) {
                    tally.expectRefused(1);
                    tests.add(caseTest(tally, name(t, "; refused: " + key.length * 8 + "-bit key"), () -> {
                        assertGse("importKey of " + key.length + " bytes", () -> provider.aesKeys().importKey(key));
                        tally.refusedConfirmed(1);
                    }));
                } else if (iv.length != 16) {
                    tally.expectRefused(1);
                    tests.add(caseTest(tally, name(t, "; refused: " + iv.length + "-byte IV"), () -> {
                        AesKey k = provider.aesKeys().importKey(key);
                        assertGse("decrypt with a " + iv.length + "-byte IV", () -> provider.aesCbc().decrypt(k, iv, ct));
                        tally.refusedConfirmed(1);
                    }));
                } else {
                    tally.expect(result);
                    tests.add(caseTest(tally, name(t, ""), () -> {
                        AesKey k = provider.aesKeys().importKey(key);
                        switch (result) {
                            case "valid" -> {
                                assertThat(provider.aesCbc().decrypt(k, iv, ct)).as("decrypt(iv, ct)").isEqualTo(msg);
                                assertThat(provider.aesCbc().decrypt(k, concat(iv, ct))).as("decrypt(iv ‖ ct)").isEqualTo(msg);
                                assertThat(provider.aesCbc().encrypt(k, iv, msg)).as("encrypt(iv, msg)").isEqualTo(ct);
                                tally.validPassed();
                            }
                            case "invalid" -> {
                                assertGse("decrypt(iv, ct) of an invalid case", () -> provider.aesCbc().decrypt(k, iv, ct));
                                assertGse("decrypt(iv ‖ ct) of an invalid case", () -> provider.aesCbc().decrypt(k, concat(iv, ct)));
                                tally.invalidRejected();
                            }
                            default -> tally.acceptable(acceptableOutcome(() -> provider.aesCbc().decrypt(k, iv, ct), msg));
                        }
                    }));
                }
            }
            out.add(group("keySize " + g.get("keySize").asInt() + ", ivSize " + g.get("ivSize").asInt(), tests));
        }
        out.add(summary(tally));
        return out;
    }

    // ---------------------------------------------------------------------------------- RSA-OAEP

    @TestFactory
    List<DynamicNode> rsaOaep2048Sha1Mgf1Sha1() {
        return rsaOaep("rsa_oaep_2048_sha1_mgf1sha1_test.json");
    }

    @TestFactory
    List<DynamicNode> rsaOaep2048Sha256Mgf1Sha256() {
        return rsaOaep("rsa_oaep_2048_sha256_mgf1sha256_test.json");
    }

    @TestFactory
    List<DynamicNode> rsaOaep2048Sha256Mgf1Sha1() {
        return rsaOaep("rsa_oaep_2048_sha256_mgf1sha1_test.json");
    }

    @TestFactory
    List<DynamicNode> rsaOaep3072Sha256Mgf1Sha256() {
        return rsaOaep("rsa_oaep_3072_sha256_mgf1sha256_test.json");
    }

    @TestFactory
    List<DynamicNode> rsaOaep4096Sha256Mgf1Sha256() {
        return rsaOaep("rsa_oaep_4096_sha256_mgf1sha256_test.json");
    }

    @TestFactory
    List<DynamicNode> rsaOaepMisc() {
        return rsaOaep("rsa_oaep_misc_test.json");
    }

    /** The SPI's parameter set for a Wycheproof (sha, mgfSha) pair, or null if it has none. */
    static OaepParameters oaepParameters(String sha, String mgf, String mgfSha) {
        if (!"MGF1".equals(mgf)) {
            return null;
        }
        for (OaepParameters p : OaepParameters.values()) {
            if (p.hash().equals(sha) && p.mgf1Hash().equals(mgfSha)) {
                return p;
            }
        }
        return null;
    }

    private List<DynamicNode> rsaOaep(String file) {
        JsonNode root = load(file);
        CryptoProvider provider = p();
        WycheproofTally tally = new WycheproofTally(file, provider.id(), root.get("numberOfTests").asInt());
        List<DynamicNode> out = new ArrayList<>();
        Set<String> inexpressible = new TreeSet<>();
        for (JsonNode g : root.get("testGroups")) {
            int keySize = g.get("keySize").asInt();
            String sha = g.get("sha").asText();
            String mgfSha = g.get("mgfSha").asText();
            String title = "keySize " + keySize + ", " + sha + ", " + g.get("mgf").asText() + "-" + mgfSha;
            OaepParameters params = oaepParameters(sha, g.get("mgf").asText(), mgfSha);
            byte[] pkcs8 = bytes(g, "privateKeyPkcs8");
            JsonNode tests = g.get("tests");
            int n = tests.size();
            if (keySize < RsaOaep.MIN_MODULUS_BITS || keySize > RsaOaep.MAX_MODULUS_BITS) {
                // Refused on import whatever the hashes: one test for the whole group.
                tally.expectRefused(n);
                out.add(caseTest(
                        tally,
                        "tcId " + tcIds(tests) + ": " + title + " [" + n + " cases; refused: " + keySize + "-bit modulus]",
                        () -> {
                            assertGse("importPrivateKey of a " + keySize + "-bit key", () -> provider.rsaOaep().importPrivateKey(pkcs8));
                            tally.refusedConfirmed(n);
                        }));
                continue;
            }
            if (params == null) {
                // No OaepParameters value names this combination: there is nothing to call.
                tally.inexpressible(n);
                inexpressible.add(sha + "/MGF1-" + mgfSha);
                continue;
            }
            RsaPrivateKey[] key = new RsaPrivateKey[1];
            Executable importOnce = () -> {
                synchronized (key) {
                    if (key[0] == null) {
                        key[0] = provider.rsaOaep().importPrivateKey(pkcs8);
                        assertThat(key[0].modulusBits()).as("modulusBits() of the imported key").isEqualTo(keySize);
                    }
                }
            };
            List<DynamicNode> cases = new ArrayList<>();
            for (JsonNode t : tests) {
                String result = t.get("result").asText();
                byte[] msg = bytes(t, "msg");
                byte[] ct = bytes(t, "ct");
                byte[] label = bytes(t, "label");
                List<String> flags = new ArrayList<>();
                t.get("flags").forEach(f -> flags.add(f.asText()));
                tally.expect(result);
                cases.add(caseTest(tally, name(t, ""), () -> {
                    importOnce.execute();
                    RsaPrivateKey k = key[0];
                    switch (result) {
                        case "valid" -> {
                            assertThat(provider.rsaOaep().decrypt(k, params, ct, label)).as("decrypt").isEqualTo(msg);
                            tally.validPassed();
                        }
                        case "invalid" -> {
                            assertGse("decrypt of an invalid case", () -> provider.rsaOaep().decrypt(k, params, ct, label));
                            tally.invalidRejected();
                        }
                        default -> tally.acceptable(acceptableRsaOutcome(flags, () -> provider.rsaOaep().decrypt(k, params, ct, label), msg));
                    }
                }));
            }
            out.add(group(title, cases));
        }
        if (!inexpressible.isEmpty()) {
            System.out.println("wycheproof " + file + ": not expressible through the SPI (counted as refused): " + inexpressible);
        }
        out.add(summary(tally));
        return out;
    }

    // ----------------------------------------------------------------------------------- Ed25519

    @TestFactory
    List<DynamicNode> ed25519() {
        String file = "ed25519_test.json";
        JsonNode root = load(file);
        CryptoProvider provider = p();
        WycheproofTally tally = new WycheproofTally(file, provider.id(), root.get("numberOfTests").asInt());
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode g : root.get("testGroups")) {
            String pk = g.get("publicKey").get("pk").asText();
            byte[] publicKey = hex(pk);
            List<DynamicNode> tests = new ArrayList<>();
            for (JsonNode t : g.get("tests")) {
                byte[] msg = bytes(t, "msg");
                byte[] sig = bytes(t, "sig");
                String result = t.get("result").asText();
                tally.expect(result);
                tests.add(caseTest(tally, name(t, ""), () -> {
                    switch (result) {
                        case "valid" -> {
                            Ed25519PublicKey key = provider.ed25519().importPublicKey(publicKey);
                            assertThat(provider.ed25519().verify(key, msg, sig)).as("verify").isTrue();
                            tally.validPassed();
                        }
                        case "invalid" -> {
                            assertThat(ed25519Accepts(provider, publicKey, msg, sig)).as("verify of an invalid case").isFalse();
                            tally.invalidRejected();
                        }
                        // none in the bundled file; should a future file add some: either outcome
                        default -> tally.acceptable(ed25519Accepts(provider, publicKey, msg, sig));
                    }
                }));
            }
            out.add(group("public key " + pk.substring(0, 16) + "…", tests));
        }
        out.add(summary(tally));
        return out;
    }

    /**
     * Whether the provider accepts the signature: false if it refuses the public key on import
     * (with a {@link GeneralSecurityException}, the only exception allowed) or {@code verify}
     * returns false; {@code verify} must not throw.
     */
    private static boolean ed25519Accepts(CryptoProvider provider, byte[] publicKey, byte[] msg, byte[] sig) {
        Ed25519PublicKey key;
        try {
            key = provider.ed25519().importPublicKey(publicKey);
        } catch (Throwable t) {
            assertThat(t).as("importPublicKey may refuse a key only with a GeneralSecurityException")
                    .isInstanceOf(GeneralSecurityException.class);
            return false;
        }
        boolean[] accepted = new boolean[1];
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> accepted[0] = provider.ed25519().verify(key, msg, sig));
        assertThat(t).as("verify must return false, not throw").isNull();
        return accepted[0];
    }

    // ------------------------------------------------------------------------------ HKDF-SHA-256

    @TestFactory
    List<DynamicNode> hkdfSha256() {
        String file = "hkdf_sha256_test.json";
        JsonNode root = load(file);
        CryptoProvider provider = p();
        WycheproofTally tally = new WycheproofTally(file, provider.id(), root.get("numberOfTests").asInt());
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode g : root.get("testGroups")) {
            List<DynamicNode> tests = new ArrayList<>();
            for (JsonNode t : g.get("tests")) {
                byte[] ikm = bytes(t, "ikm");
                byte[] salt = bytes(t, "salt");
                byte[] info = bytes(t, "info");
                int size = t.get("size").asInt();
                byte[] okm = bytes(t, "okm");
                String result = t.get("result").asText();
                tally.expect(result);
                tests.add(caseTest(tally, name(t, ""), () -> {
                    switch (result) {
                        case "valid" -> {
                            assertThat(provider.hkdf().sha256(ikm, salt, info, size)).as("OKM of %d bytes", size).isEqualTo(okm);
                            tally.validPassed();
                        }
                        case "invalid" -> {
                            // SizeTooLarge: more than 255 blocks of output
                            assertThat(size).as("an invalid HKDF case asks for more than the maximum")
                                    .isGreaterThan(Hkdf.MAX_OUTPUT_LENGTH);
                            assertGse("sha256 of " + size + " bytes", () -> provider.hkdf().sha256(ikm, salt, info, size));
                            tally.invalidRejected();
                        }
                        default -> tally.acceptable(acceptableOutcome(() -> provider.hkdf().sha256(ikm, salt, info, size), okm));
                    }
                }));
            }
            out.add(group("keySize " + g.get("keySize").asInt(), tests));
        }
        out.add(summary(tally));
        return out;
    }

    private static String tcIds(JsonNode tests) {
        int first = tests.get(0).get("tcId").asInt();
        int last = tests.get(tests.size() - 1).get("tcId").asInt();
        return first == last ? String.valueOf(first) : first + "-" + last;
    }

    interface Decryption {
        byte[] decrypt() throws Exception;
    }

    /**
     * An "acceptable" RSA-OAEP case, decided flag by flag:
     *
     * <ul>
     *   <li>{@code SmallIntegerCiphertext}: the ciphertext is the integer 0 or 1 (here even shorter
     *       than the modulus), which SP 800-56B rev. 2 forbids. A provider may reject it up front
     *       or let OAEP decoding fail; if it does decrypt, the result must be msg.
     *   <li>{@code Constructed}, {@code EncryptionWithLabel}: say how the vector was made, not
     *       what to do with it; they come with {@code SmallIntegerCiphertext} in the bundled files.
     *   <li>any other flag: the same rule, since Wycheproof's "acceptable" means either outcome is
     *       secure.
     * </ul>
     *
     * In every case the only exception allowed is a {@link GeneralSecurityException}.
     *
     * @return true if the provider decrypted the case, false if it rejected it
     */
    static boolean acceptableRsaOutcome(List<String> flags, Decryption decrypt, byte[] msg) {
        return acceptableOutcome(decrypt, msg);
    }

    /** Either outcome; only a GeneralSecurityException; a decryption must equal msg. */
    static boolean acceptableOutcome(Decryption decrypt, byte[] msg) {
        byte[] out;
        try {
            out = decrypt.decrypt();
        } catch (Throwable t) {
            assertThat(t).as("an acceptable case may fail only with a GeneralSecurityException")
                    .isInstanceOf(GeneralSecurityException.class);
            return false;
        }
        assertThat(out).as("an acceptable case that decrypts must give msg").isEqualTo(msg);
        return true;
    }
}
