package org.medcrypt.provider.bouncycastle;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/**
 * RSA-OAEP on {@link OAEPEncoding} over {@link RSABlindedEngine} (blinded private-key operation,
 * CRT result checked by Bouncy Castle), keys generated with {@link RSAKeyPairGenerator} and
 * encoded with Bouncy Castle's ASN.1 classes.
 */
final class BcRsaOaep implements RsaOaep {

    private static final String DECRYPTION_FAILED = "RSA-OAEP decryption failed";
    private static final BigInteger PUBLIC_EXPONENT = BigInteger.valueOf(65537);
    private static final AlgorithmIdentifier RSA_ENCRYPTION =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

    private final BcSecureRandomSource random;

    BcRsaOaep(BcSecureRandomSource random) {
        this.random = random;
    }

    @Override
    public EncodedRsaKeyPair generateKeyPair(int modulusBits) throws GeneralSecurityException {
        if (modulusBits != 2048 && modulusBits != 3072 && modulusBits != 4096) {
            throw new InvalidAlgorithmParameterException(
                    "RSA modulus must be 2048, 3072 or 4096 bits, got " + modulusBits);
        }
        RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
        generator.init(new RSAKeyGenerationParameters(
                PUBLIC_EXPONENT, random.secureRandom(), modulusBits, primeCertainty(modulusBits)));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        RSAKeyParameters pub = (RSAKeyParameters) pair.getPublic();
        RSAPrivateCrtKeyParameters priv = (RSAPrivateCrtKeyParameters) pair.getPrivate();
        byte[] pkcs8 = null;
        try {
            byte[] spki = encodeSpki(pub);
            pkcs8 = new PrivateKeyInfo(RSA_ENCRYPTION, new RSAPrivateKey(
                    priv.getModulus(), priv.getPublicExponent(), priv.getExponent(),
                    priv.getP(), priv.getQ(), priv.getDP(), priv.getDQ(), priv.getQInv()))
                    .getEncoded(ASN1Encoding.DER);
            return EncodedRsaKeyPair.of(spki, pkcs8);
        } catch (IOException e) {
            throw new GeneralSecurityException("RSA key encoding failed", e);
        } finally {
            if (pkcs8 != null) {
                Arrays.fill(pkcs8, (byte) 0);
            }
        }
    }

    /**
     * Miller-Rabin certainty (error probability 2^-certainty) matched to the key's strength, the
     * same rule Bouncy Castle's JCA provider applies: 112 for 2048 bits, 128 for 3072, 144 for 4096.
     */
    private static int primeCertainty(int modulusBits) {
        return 96 + 16 * ((modulusBits - 1) / 1024);
    }

    private static byte[] encodeSpki(RSAKeyParameters key) throws IOException {
        return new SubjectPublicKeyInfo(RSA_ENCRYPTION,
                new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getExponent()))
                .getEncoded(ASN1Encoding.DER);
    }

    @Override
    public RsaPublicKey importPublicKey(byte[] spki) throws GeneralSecurityException {
        Objects.requireNonNull(spki, "spki");
        RSAKeyParameters key;
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(spki));
            checkAlgorithm(info.getAlgorithm());
            AsymmetricKeyParameter parsed = PublicKeyFactory.createKey(info);
            if (!(parsed instanceof RSAKeyParameters rsa) || rsa.isPrivate()) {
                throw new InvalidKeySpecException("not an RSA public key");
            }
            key = rsa;
        } catch (IOException | RuntimeException e) {
            throw new InvalidKeySpecException("not a valid RSA SubjectPublicKeyInfo");
        }
        checkKey(key.getModulus(), key.getExponent());
        try {
            return new BcRsaPublicKey(key, encodeSpki(key));
        } catch (IOException e) {
            throw new GeneralSecurityException("RSA key encoding failed", e);
        }
    }

    @Override
    public RsaPrivateKey importPrivateKey(byte[] pkcs8) throws GeneralSecurityException {
        Objects.requireNonNull(pkcs8, "pkcs8");
        RSAPrivateCrtKeyParameters key;
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(pkcs8));
            checkAlgorithm(info.getPrivateKeyAlgorithm());
            AsymmetricKeyParameter parsed = PrivateKeyFactory.createKey(info);
            if (!(parsed instanceof RSAPrivateCrtKeyParameters crt)) {
                throw new InvalidKeySpecException("not an RSA private key");
            }
            key = crt;
        } catch (IOException | RuntimeException e) {
            // No cause: a parser's message could quote key bytes.
            throw new InvalidKeySpecException("not a valid RSA PKCS#8 private key");
        }
        checkKey(key.getModulus(), key.getPublicExponent());
        if (!key.getP().multiply(key.getQ()).equals(key.getModulus())) {
            throw new InvalidKeySpecException("inconsistent RSA private key");
        }
        return new BcRsaPrivateKey(key);
    }

    private static void checkAlgorithm(AlgorithmIdentifier algorithm) throws InvalidKeySpecException {
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
            throw new InvalidKeySpecException("not an rsaEncryption key");
        }
        ASN1Encodable parameters = algorithm.getParameters();
        if (parameters != null && !DERNull.INSTANCE.equals(parameters)) {
            throw new InvalidKeySpecException("rsaEncryption parameters must be NULL");
        }
    }

    private static void checkKey(BigInteger modulus, BigInteger publicExponent) throws GeneralSecurityException {
        int bits = modulus.bitLength();
        if (bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
            throw new InvalidKeyException("RSA modulus must be " + MIN_MODULUS_BITS + " to "
                    + MAX_MODULUS_BITS + " bits, got " + bits);
        }
        if (!publicExponent.testBit(0) || publicExponent.compareTo(BigInteger.valueOf(3)) < 0) {
            throw new InvalidKeyException("RSA public exponent must be odd and at least 3");
        }
    }

    @Override
    public byte[] encrypt(RsaPublicKey key, OaepParameters parameters, byte[] plaintext, byte[] label)
            throws GeneralSecurityException {
        BcRsaPublicKey publicKey = BcRsaPublicKey.cast(key);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(label, "label");
        parameters.checkPlaintextLength(publicKey.modulusBits(), plaintext.length);
        OAEPEncoding oaep = oaep(parameters, label);
        try {
            oaep.init(true, new ParametersWithRandom(publicKey.parameters(), random.secureRandom()));
            return oaep.processBlock(plaintext, 0, plaintext.length);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new GeneralSecurityException("RSA-OAEP encryption failed");
        }
    }

    @Override
    public byte[] decrypt(RsaPrivateKey key, OaepParameters parameters, byte[] ciphertext, byte[] label)
            throws GeneralSecurityException {
        RSAPrivateCrtKeyParameters privateKey = BcRsaPrivateKey.parameters(key);
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(label, "label");
        // RFC 8017 7.1.2 step 1: the ciphertext is exactly k bytes (Bouncy Castle would accept fewer).
        if (ciphertext.length != (key.modulusBits() + 7) / 8) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        OAEPEncoding oaep = oaep(parameters, label);
        try {
            // ParametersWithRandom: RSABlindedEngine blinds the private-key operation with it.
            oaep.init(false, new ParametersWithRandom(privateKey, random.secureRandom()));
            return oaep.processBlock(ciphertext, 0, ciphertext.length);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    private static OAEPEncoding oaep(OaepParameters parameters, byte[] label) {
        return new OAEPEncoding(new RSABlindedEngine(),
                digest(parameters.hash()), digest(parameters.mgf1Hash()), label);
    }

    private static Digest digest(String name) {
        switch (name) {
            case "SHA-1":
                return new SHA1Digest();
            case "SHA-256":
                return SHA256Digest.newInstance();
            default:
                throw new IllegalArgumentException("unsupported OAEP hash " + name);
        }
    }
}
