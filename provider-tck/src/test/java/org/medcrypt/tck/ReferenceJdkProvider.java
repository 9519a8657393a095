package org.medcrypt.tck;

import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.AesKeys;
import org.medcrypt.spi.Availability;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.Ed25519PublicKey;
import org.medcrypt.spi.EncodedEd25519KeyPair;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.Hkdf;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;

/**
 * A throwaway reference provider on plain JCA, test scope only: it exists so that the kit's own
 * build proves the kit passes against a correct implementation. Not a product provider.
 *
 * <p>Built with a {@link Flaw}, it makes one classic mistake on purpose, so that
 * {@code KitDetectsFlawsTest} can prove the kit catches it.
 */
final class ReferenceJdkProvider implements CryptoProvider {

    /** Deliberate mistakes, one at a time. */
    enum Flaw {
        NONE,
        /** GCM nonces of any length are passed on to the JDK, which accepts them. */
        GCM_ANY_NONCE_LENGTH,
        /** GCM decryption is CTR without checking the tag. */
        GCM_NO_TAG_CHECK,
        /** CBC unpadding looks at the last byte only. */
        CBC_LENIENT_PADDING,
        /** CBC "random" IV is all zeros. */
        CBC_FIXED_IV,
        /** Bad padding and bad length give different messages. */
        CBC_PADDING_ORACLE_MESSAGE,
        /** SHA256_MGF1_SHA256 silently uses MGF1-SHA-1, JCA's default. */
        OAEP256_WITH_MGF1_SHA1,
        /** No modulus size check on import. */
        ACCEPTS_SMALL_RSA,
        /** A foreign key handle is cast, not checked. */
        CASTS_FOREIGN_KEYS,
        /** A wrong-size key is echoed in hex in the exception message. */
        KEY_IN_MESSAGE,
        /** Ed25519 verification accepts any signature of 64 bytes. */
        ED25519_ACCEPTS_ANY_SIGNATURE,
        /** Ed25519 verification reduces S modulo L instead of refusing S ≥ L (malleable). */
        ED25519_REDUCES_S,
        /**
         * Ed25519 signatures of any length are taken: a longer one is checked on its first 64 bytes, as
         * SunEC on JDK 17 does with a trailing zero byte (JDK 25 refuses it, so the flaw is made here).
         */
        ED25519_ANY_SIGNATURE_LENGTH,
        /** HKDF leaves info out of the expansion. */
        HKDF_IGNORES_INFO,
        /** HKDF allows 256 blocks of output, not 255: the block counter wraps to 0. */
        HKDF_256_BLOCKS
    }

    private final Flaw flaw;

    ReferenceJdkProvider() {
        this(Flaw.NONE);
    }

    ReferenceJdkProvider(Flaw flaw) {
        this.flaw = flaw;
    }

    private static final String FAILED = "decryption failed";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String id() {
        return flaw == Flaw.NONE ? "reference-jdk" : "flawed-" + flaw.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public String version() {
        return "0-test on " + library();
    }

    @Override
    public String library() {
        return "SunJCE " + System.getProperty("java.version");
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Set<Suite> suites() {
        return EnumSet.allOf(Suite.class);
    }

    @Override
    public List<PrimitiveInfo> primitives() {
        return Stream.of(Primitive.values()).map(p -> new PrimitiveInfo(p, "SunJCE", true)).toList();
    }

    @Override
    public SecureRandomSource random() {
        return RANDOM::nextBytes;
    }

    // ---------------------------------------------------------------------------------------- AES

    private static final class Key implements AesKey {
        private final byte[] raw;
        private volatile boolean destroyed;

        Key(byte[] raw) {
            this.raw = raw.clone();
        }

        SecretKeySpec spec() throws GeneralSecurityException {
            if (destroyed) {
                throw new GeneralSecurityException("the key was destroyed");
            }
            SecretKeySpec spec = new SecretKeySpec(raw, "AES");
            // a destroy() on another thread may have wiped part of what the spec copied: the
            // re-check after the copy (see AesKeyDestroyRaceConformance)
            VarHandle.acquireFence();
            if (destroyed) {
                throw new GeneralSecurityException("the key was destroyed");
            }
            return spec;
        }

        @Override
        public int sizeInBits() {
            return raw.length * 8;
        }

        @Override
        public void destroy() {
            destroyed = true;
            VarHandle.fullFence();
            Arrays.fill(raw, (byte) 0);
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "AesKey[" + raw.length * 8 + " bits, <redacted>]";
        }
    }

    private SecretKeySpec spec(AesKey key) throws GeneralSecurityException {
        if (flaw == Flaw.CASTS_FOREIGN_KEYS) {
            return ((Key) key).spec();
        }
        if (!(key instanceof Key k)) {
            throw new GeneralSecurityException("not a key of this provider");
        }
        return k.spec();
    }

    @Override
    public AesKeys aesKeys() {
        return new AesKeys() {
            @Override
            public byte[] generate(int sizeInBits) throws GeneralSecurityException {
                if (sizeInBits != 128 && sizeInBits != 192 && sizeInBits != 256) {
                    throw new GeneralSecurityException("unsupported AES key size: " + sizeInBits);
                }
                byte[] raw = new byte[sizeInBits / 8];
                RANDOM.nextBytes(raw);
                return raw;
            }

            @Override
            public AesKey importKey(byte[] raw) throws GeneralSecurityException {
                if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                    throw new GeneralSecurityException("AES keys are 16, 24 or 32 bytes, not " + raw.length
                            + (flaw == Flaw.KEY_IN_MESSAGE ? ": " + java.util.HexFormat.of().formatHex(raw) : ""));
                }
                return new Key(raw);
            }
        };
    }

    @Override
    public AesCbc aesCbc() {
        return new AesCbc() {
            @Override
            public byte[] encrypt(AesKey key, byte[] plaintext) throws GeneralSecurityException {
                byte[] iv = new byte[IV_LENGTH];
                if (flaw != Flaw.CBC_FIXED_IV) {
                    RANDOM.nextBytes(iv);
                }
                byte[] ct = encrypt(key, iv, plaintext);
                byte[] out = Arrays.copyOf(iv, IV_LENGTH + ct.length);
                System.arraycopy(ct, 0, out, IV_LENGTH, ct.length);
                return out;
            }

            @Override
            public byte[] decrypt(AesKey key, byte[] in) throws GeneralSecurityException {
                if (in.length < 2 * IV_LENGTH) {
                    throw new GeneralSecurityException(FAILED);
                }
                return decrypt(key, Arrays.copyOf(in, IV_LENGTH), Arrays.copyOfRange(in, IV_LENGTH, in.length));
            }

            @Override
            public byte[] encrypt(AesKey key, byte[] iv, byte[] plaintext) throws GeneralSecurityException {
                return run(Cipher.ENCRYPT_MODE, key, iv, plaintext);
            }

            @Override
            public byte[] decrypt(AesKey key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
                if (ciphertext.length == 0 || ciphertext.length % IV_LENGTH != 0) {
                    throw new GeneralSecurityException(FAILED);
                }
                if (flaw == Flaw.CBC_LENIENT_PADDING) {
                    if (iv.length != IV_LENGTH) {
                        throw new GeneralSecurityException("the IV must be 16 bytes");
                    }
                    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
                    c.init(Cipher.DECRYPT_MODE, spec(key), new IvParameterSpec(iv));
                    byte[] padded = c.doFinal(ciphertext);
                    int n = padded[padded.length - 1] & 0xff;
                    return Arrays.copyOf(padded, padded.length - (n >= 1 && n <= 16 ? n : 0));
                }
                try {
                    return run(Cipher.DECRYPT_MODE, key, iv, ciphertext);
                } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
                    throw new GeneralSecurityException(flaw == Flaw.CBC_PADDING_ORACLE_MESSAGE ? "bad padding" : FAILED);
                }
            }

            private byte[] run(int mode, AesKey key, byte[] iv, byte[] in) throws GeneralSecurityException {
                if (iv.length != IV_LENGTH) {
                    throw new GeneralSecurityException("the IV must be 16 bytes");
                }
                Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
                c.init(mode, spec(key), new IvParameterSpec(iv));
                return c.doFinal(in);
            }
        };
    }

    @Override
    public AesGcm aesGcm() {
        return new AesGcm() {
            @Override
            public byte[] encrypt(AesKey key, byte[] plaintext, byte[] aad) throws GeneralSecurityException {
                byte[] nonce = new byte[NONCE_LENGTH];
                RANDOM.nextBytes(nonce);
                byte[] ct = encryptWithNonce(key, nonce, plaintext, aad);
                byte[] out = Arrays.copyOf(nonce, NONCE_LENGTH + ct.length);
                System.arraycopy(ct, 0, out, NONCE_LENGTH, ct.length);
                return out;
            }

            @Override
            public byte[] decrypt(AesKey key, byte[] in, byte[] aad) throws GeneralSecurityException {
                spec(key);
                if (in.length < NONCE_LENGTH + TAG_LENGTH) {
                    throw new GeneralSecurityException(FAILED);
                }
                return decryptWithNonce(
                        key, Arrays.copyOf(in, NONCE_LENGTH), Arrays.copyOfRange(in, NONCE_LENGTH, in.length), aad);
            }

            @Override
            public byte[] encryptWithNonce(AesKey key, byte[] nonce, byte[] plaintext, byte[] aad)
                    throws GeneralSecurityException {
                return run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, aad);
            }

            @Override
            public byte[] decryptWithNonce(AesKey key, byte[] nonce, byte[] in, byte[] aad)
                    throws GeneralSecurityException {
                spec(key);
                if (nonce.length != NONCE_LENGTH && (flaw != Flaw.GCM_ANY_NONCE_LENGTH || nonce.length == 0)) {
                    throw new GeneralSecurityException("the nonce must be 12 bytes");
                }
                if (in.length < TAG_LENGTH) {
                    throw new GeneralSecurityException(FAILED);
                }
                if (flaw == Flaw.GCM_NO_TAG_CHECK) {
                    byte[] counter = Arrays.copyOf(nonce, 16);
                    counter[15] = 2;
                    Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
                    ctr.init(Cipher.DECRYPT_MODE, spec(key), new IvParameterSpec(counter));
                    return ctr.doFinal(in, 0, in.length - TAG_LENGTH);
                }
                try {
                    return run(Cipher.DECRYPT_MODE, key, nonce, in, aad);
                } catch (javax.crypto.AEADBadTagException e) {
                    throw new GeneralSecurityException(FAILED);
                }
            }

            private byte[] run(int mode, AesKey key, byte[] nonce, byte[] in, byte[] aad)
                    throws GeneralSecurityException {
                if (nonce.length != NONCE_LENGTH && (flaw != Flaw.GCM_ANY_NONCE_LENGTH || nonce.length == 0)) {
                    throw new GeneralSecurityException("the nonce must be 12 bytes");
                }
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(mode, spec(key), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
                c.updateAAD(aad);
                return c.doFinal(in);
            }
        };
    }

    // ------------------------------------------------------------------------------------ Ed25519

    private static final byte[] SPKI_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = java.util.HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final BigInteger ORDER =
            BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

    private record EdPublic(PublicKey key, byte[] bytes) implements Ed25519PublicKey {
        @Override
        public byte[] raw() {
            return bytes.clone();
        }
    }

    private static final class EdPrivate implements Ed25519PrivateKey {
        private final PrivateKey key;
        private final byte[] publicKey;
        private volatile boolean destroyed;

        EdPrivate(PrivateKey key, byte[] publicKey) {
            this.key = key;
            this.publicKey = publicKey;
        }

        @Override
        public byte[] publicKey() {
            if (destroyed) {
                throw new IllegalStateException("the key was destroyed");
            }
            return publicKey.clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "Ed25519PrivateKey[<redacted>]";
        }
    }

    /** The JDK's generator, fed the seed as its one request for randomness: the seed's key pair. */
    private static KeyPair pairOfSeed(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", java.security.Security.getProvider("SunEC"));
        g.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, 32);
            }
        });
        return g.generateKeyPair();
    }

    private static byte[] tail(byte[] encoded) {
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    @Override
    public Ed25519 ed25519() {
        return new Ed25519() {
            @Override
            public EncodedEd25519KeyPair generateKeyPair() throws GeneralSecurityException {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519", java.security.Security.getProvider("SunEC"))
                        .generateKeyPair();
                return EncodedEd25519KeyPair.of(tail(pair.getPublic().getEncoded()), tail(pair.getPrivate().getEncoded()));
            }

            @Override
            public Ed25519PublicKey importPublicKey(byte[] raw) throws GeneralSecurityException {
                if (raw.length != PUBLIC_KEY_LENGTH) {
                    throw new GeneralSecurityException("an Ed25519 public key is 32 bytes");
                }
                byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
                System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, 32);
                return new EdPublic(KeyFactory.getInstance("Ed25519", java.security.Security.getProvider("SunEC"))
                        .generatePublic(new X509EncodedKeySpec(spki)), raw.clone());
            }

            @Override
            public Ed25519PrivateKey importPrivateKey(byte[] seed) throws GeneralSecurityException {
                if (seed.length != PRIVATE_KEY_LENGTH) {
                    throw new GeneralSecurityException("an Ed25519 seed is 32 bytes");
                }
                KeyPair pair = pairOfSeed(seed.clone());
                byte[] pkcs8 = pair.getPrivate().getEncoded();
                if (!Arrays.equals(pkcs8, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0, PKCS8_PREFIX.length)
                        || !Arrays.equals(tail(pkcs8), seed)) {
                    throw new GeneralSecurityException("SunEC did not derive the seed's key pair");
                }
                return new EdPrivate(pair.getPrivate(), tail(pair.getPublic().getEncoded()));
            }

            @Override
            public byte[] sign(Ed25519PrivateKey key, byte[] message) throws GeneralSecurityException {
                if (flaw == Flaw.CASTS_FOREIGN_KEYS) {
                    ((EdPrivate) key).hashCode();
                }
                if (!(key instanceof EdPrivate k)) {
                    throw new GeneralSecurityException("not a key of this provider");
                }
                if (k.destroyed) {
                    throw new GeneralSecurityException("the key was destroyed");
                }
                Signature s = Signature.getInstance("Ed25519", java.security.Security.getProvider("SunEC"));
                s.initSign(k.key);
                s.update(message);
                return s.sign();
            }

            @Override
            public boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
                if (signature.length != SIGNATURE_LENGTH && flaw != Flaw.ED25519_ANY_SIGNATURE_LENGTH) {
                    return false;
                }
                if (flaw == Flaw.ED25519_ACCEPTS_ANY_SIGNATURE) {
                    return true;
                }
                try {
                    PublicKey publicKey = key instanceof EdPublic own ? own.key() : importPublicKey0(key.raw()).key();
                    byte[] checked = flaw == Flaw.ED25519_REDUCES_S ? reduceS(signature)
                            : flaw == Flaw.ED25519_ANY_SIGNATURE_LENGTH && signature.length > SIGNATURE_LENGTH
                                    ? Arrays.copyOf(signature, SIGNATURE_LENGTH) : signature;
                    Signature s = Signature.getInstance("Ed25519", java.security.Security.getProvider("SunEC"));
                    s.initVerify(publicKey);
                    s.update(message);
                    return s.verify(checked);
                } catch (GeneralSecurityException | RuntimeException e) {
                    return false;
                }
            }

            private EdPublic importPublicKey0(byte[] raw) throws GeneralSecurityException {
                return (EdPublic) importPublicKey(raw);
            }
        };
    }

    /** S mod L, as a lenient library computes it before checking the equation. */
    private static byte[] reduceS(byte[] signature) {
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = signature[63 - i];
        }
        byte[] reduced = new BigInteger(1, bigEndian).mod(ORDER).toByteArray();
        byte[] out = Arrays.copyOf(signature, 64);
        Arrays.fill(out, 32, 64, (byte) 0);
        for (int i = 0; i < 32 && i < reduced.length; i++) {
            out[32 + i] = reduced[reduced.length - 1 - i];
        }
        return out;
    }

    // --------------------------------------------------------------------------------------- HKDF

    @Override
    public Hkdf hkdf() {
        return (ikm, salt, info, length) -> {
            int max = flaw == Flaw.HKDF_256_BLOCKS ? 256 * 32 : Hkdf.MAX_OUTPUT_LENGTH;
            if (length < 1 || length > max) {
                throw new GeneralSecurityException("HKDF-SHA-256 derives 1 to 8160 bytes");
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
            mac.init(new SecretKeySpec(mac.doFinal(ikm), "HmacSHA256"));
            byte[] usedInfo = flaw == Flaw.HKDF_IGNORES_INFO ? new byte[0] : info;
            byte[] out = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, off = 0; off < length; i++) {
                mac.update(t);
                mac.update(usedInfo);
                mac.update((byte) i);
                t = mac.doFinal();
                System.arraycopy(t, 0, out, off, Math.min(32, length - off));
                off += 32;
            }
            return out;
        };
    }

    // ---------------------------------------------------------------------------------------- RSA

    private record Public(PublicKey key, int modulusBits) implements RsaPublicKey {
        @Override
        public byte[] spki() {
            return key.getEncoded();
        }
    }

    private static final class Private implements RsaPrivateKey {
        private final PrivateKey key;
        private final int bits;
        private volatile boolean destroyed;

        Private(PrivateKey key, int bits) {
            this.key = key;
            this.bits = bits;
        }

        @Override
        public int modulusBits() {
            return bits;
        }

        @Override
        public void destroy() {
            destroyed = true;
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "RsaPrivateKey[" + bits + " bits, <redacted>]";
        }
    }

    private int checkedBits(java.security.Key key) throws GeneralSecurityException {
        if (!(key instanceof RSAKey rsa)) {
            throw new GeneralSecurityException("not an RSA key");
        }
        int bits = rsa.getModulus().bitLength();
        if (flaw != Flaw.ACCEPTS_SMALL_RSA && bits < RsaOaep.MIN_MODULUS_BITS || bits > RsaOaep.MAX_MODULUS_BITS) {
            throw new GeneralSecurityException("RSA modulus of " + bits + " bits is outside 2048..8192");
        }
        return bits;
    }

    private OAEPParameterSpec oaep(OaepParameters p, byte[] label) {
        if (flaw == Flaw.OAEP256_WITH_MGF1_SHA1 && p == OaepParameters.SHA256_MGF1_SHA256) {
            p = OaepParameters.SHA256_MGF1_SHA1;
        }
        return new OAEPParameterSpec(p.hash(), "MGF1", new MGF1ParameterSpec(p.mgf1Hash()), new PSource.PSpecified(label));
    }

    @Override
    public RsaOaep rsaOaep() {
        return new RsaOaep() {
            @Override
            public EncodedRsaKeyPair generateKeyPair(int bits) throws GeneralSecurityException {
                if (bits != 2048 && bits != 3072 && bits != 4096) {
                    throw new GeneralSecurityException("RSA keys are generated with 2048, 3072 or 4096 bits");
                }
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(bits, BigInteger.valueOf(65537)), RANDOM);
                KeyPair pair = g.generateKeyPair();
                return EncodedRsaKeyPair.of(pair.getPublic().getEncoded(), pair.getPrivate().getEncoded());
            }

            @Override
            public RsaPublicKey importPublicKey(byte[] spki) throws GeneralSecurityException {
                try {
                    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
                    return new Public(key, checkedBits(key));
                } catch (RuntimeException e) {
                    throw new GeneralSecurityException("not an RSA public key");
                }
            }

            @Override
            public RsaPrivateKey importPrivateKey(byte[] pkcs8) throws GeneralSecurityException {
                try {
                    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                    return new Private(key, checkedBits(key));
                } catch (RuntimeException e) {
                    throw new GeneralSecurityException("not an RSA private key");
                }
            }

            @Override
            public byte[] encrypt(RsaPublicKey key, OaepParameters p, byte[] plaintext, byte[] label)
                    throws GeneralSecurityException {
                if (!(key instanceof Public pub)) {
                    throw new GeneralSecurityException("not a key of this provider");
                }
                if (plaintext.length > p.maxPlaintextLength(pub.modulusBits())) {
                    throw new GeneralSecurityException("plaintext too long for RSA-OAEP");
                }
                Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
                c.init(Cipher.ENCRYPT_MODE, pub.key(), oaep(p, label), RANDOM);
                return c.doFinal(plaintext);
            }

            @Override
            public byte[] decrypt(RsaPrivateKey key, OaepParameters p, byte[] ciphertext, byte[] label)
                    throws GeneralSecurityException {
                if (flaw == Flaw.CASTS_FOREIGN_KEYS) {
                    ((Private) key).hashCode();
                }
                if (!(key instanceof Private priv)) {
                    throw new GeneralSecurityException("not a key of this provider");
                }
                if (priv.destroyed) {
                    throw new GeneralSecurityException("the key was destroyed");
                }
                try {
                    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
                    c.init(Cipher.DECRYPT_MODE, priv.key, oaep(p, label));
                    if (ciphertext.length != (priv.bits + 7) / 8) {
                        throw new GeneralSecurityException(FAILED);
                    }
                    return c.doFinal(ciphertext);
                } catch (javax.crypto.BadPaddingException | javax.crypto.IllegalBlockSizeException e) {
                    throw new GeneralSecurityException(FAILED);
                }
            }
        };
    }
}
