package org.medcrypt.benchmarks;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.conscrypt.Conscrypt;
import org.medcrypt.spi.OaepParameters;

/**
 * The raw baseline: the same operations made directly on a JCA {@code Cipher} (the JDK's SunJCE /
 * SunRsaSign, Conscrypt's provider object, or ACCP's), with no medcrypt code in between. Each operation is
 * what a careful direct user writes: one cached {@code Cipher} per use, {@code init} + {@code
 * doFinal} returning a fresh array, keys parsed once.
 */
public final class RawJceScenario {

    public static final String JDK = "jdk";
    public static final String CONSCRYPT = "conscrypt";
    public static final String ACCP = "accp";

    private static final class ConscryptHolder {
        static final Provider PROVIDER = Conscrypt.newProvider();
    }

    private static final class AccpHolder {
        static final Provider PROVIDER = accp();

        private static Provider accp() {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            accp.assertHealthy(); // a baseline that fell back to nothing would measure nothing
            return accp;
        }
    }

    private RawJceScenario() {
    }

    /** The provider of {@code Cipher}s for a library: SunJCE, Conscrypt or ACCP. */
    static Provider cipherProvider(String library) {
        switch (library) {
            case CONSCRYPT:
                return ConscryptHolder.PROVIDER;
            case ACCP:
                return AccpHolder.PROVIDER;
            default:
                return Security.getProvider("SunJCE");
        }
    }

    /** The provider of RSA keys, key generation and OAEP: SunRsaSign / SunJCE, Conscrypt or ACCP. */
    static Provider rsaProvider(String library, String service) {
        if (library.equals(CONSCRYPT)) {
            return ConscryptHolder.PROVIDER;
        }
        if (library.equals(ACCP)) {
            return AccpHolder.PROVIDER;
        }
        return Security.getProvider(service.equals("Cipher") ? "SunJCE" : "SunRsaSign");
    }

    /** AES, {@code IV ‖ ciphertext} in and out as medcrypt's format, for CBC or GCM. */
    static final class Aes extends AesScenario {
        private final AesMode mode;
        private final Cipher encryptor;
        private final Cipher decryptor;
        private final SecretKeySpec key;
        private final byte[] plaintext;
        private final byte[] ivAndCiphertext;
        private long counter;

        Aes(String library, AesMode mode, int size) throws GeneralSecurityException {
            this.mode = mode;
            Provider provider = cipherProvider(library);
            this.encryptor = Cipher.getInstance(mode.transformation(), provider);
            this.decryptor = Cipher.getInstance(mode.transformation(), provider);
            this.key = new SecretKeySpec(Data.bytes(mode.keyBytes(), 1), "AES");
            this.plaintext = Data.bytes(size, 2);
            byte[] iv = Data.bytes(mode.ivLength(), 3);
            Cipher cipher = Cipher.getInstance(mode.transformation(), provider);
            cipher.init(Cipher.ENCRYPT_MODE, key, mode.parameters(iv, 0));
            this.ivAndCiphertext = Data.concat(iv, cipher.doFinal(plaintext));
        }

        /**
         * A fresh IV/nonce from a counter: unique per call (JCA refuses GCM nonce reuse), the
         * cheapest correct choice. medcrypt draws them from a CSPRNG instead, which shows at 1 KiB.
         */
        @Override
        byte[] encrypt() throws GeneralSecurityException {
            byte[] iv = new byte[mode.ivLength()];
            long n = ++counter;
            for (int i = 0; i < 8; i++) {
                iv[i] = (byte) (n >>> (8 * i));
            }
            encryptor.init(Cipher.ENCRYPT_MODE, key, mode.parameters(iv, 0));
            return encryptor.doFinal(plaintext);
        }

        @Override
        byte[] decrypt() throws GeneralSecurityException {
            int ivLength = mode.ivLength();
            decryptor.init(Cipher.DECRYPT_MODE, key, mode.parameters(ivAndCiphertext, 0));
            return decryptor.doFinal(ivAndCiphertext, ivLength, ivAndCiphertext.length - ivLength);
        }

        @Override
        byte[] plaintext() {
            return plaintext;
        }
    }

    /** AES-CBC decryption of a small {@code IV ‖ ciphertext} with a key parsed once, or per call. */
    static final class CbcDecrypt {
        private final Cipher cipher;

        CbcDecrypt(String library) throws GeneralSecurityException {
            this.cipher = Cipher.getInstance(AesMode.CBC.transformation(), cipherProvider(library));
        }

        byte[] decrypt(SecretKeySpec key, byte[] ivAndCiphertext) throws GeneralSecurityException {
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ivAndCiphertext, 0, 16));
            return cipher.doFinal(ivAndCiphertext, 16, ivAndCiphertext.length - 16);
        }
    }

    /**
     * RSA-OAEP decryption with a private key parsed once by the same library. ACCP 2.5 refuses
     * OAEP labels, so its raw baseline of a labelled (v2) unwrap is the same operation without
     * the label ({@link #labelDropped()}): what AWS-LC costs, which the label (one SHA-256 of a
     * few dozen bytes) hardly changes.
     */
    static final class RsaDecrypt {
        private final Cipher cipher;
        private final PrivateKey key;
        private final OAEPParameterSpec spec;
        private final boolean labelDropped;

        RsaDecrypt(String library, byte[] pkcs8, OaepParameters parameters, byte[] label)
                throws GeneralSecurityException {
            this.cipher = Cipher.getInstance("RSA/ECB/OAEPPadding", rsaProvider(library, "Cipher"));
            this.key = KeyFactory.getInstance("RSA", rsaProvider(library, "KeyFactory"))
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            this.labelDropped = library.equals(ACCP) && label.length > 0;
            this.spec = spec(parameters, labelDropped ? new byte[0] : label);
        }

        /** Whether this baseline decrypts without the label it was asked for (ACCP 2.5). */
        boolean labelDropped() {
            return labelDropped;
        }

        byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
            return cipher.doFinal(ciphertext);
        }
    }

    /** RSA-OAEP encryption with the JDK, to make test ciphertexts for any library. */
    static byte[] rsaEncrypt(byte[] spki, OaepParameters parameters, byte[] label, byte[] plaintext)
            throws GeneralSecurityException {
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding", Security.getProvider("SunJCE"));
        cipher.init(Cipher.ENCRYPT_MODE, key, spec(parameters, label));
        return cipher.doFinal(plaintext);
    }

    /** RSA-2048 key pair generation, e = 65537. */
    static KeyPair generateRsa2048(String library) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", rsaProvider(library, "KeyPairGenerator"));
        generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        return generator.generateKeyPair();
    }

    /** The OAEP parameters with a label (an empty one is JCA's default). */
    static OAEPParameterSpec spec(OaepParameters parameters, byte[] label) {
        return new OAEPParameterSpec(parameters.hash(), "MGF1", new MGF1ParameterSpec(parameters.mgf1Hash()),
                label.length == 0 ? PSource.PSpecified.DEFAULT : new PSource.PSpecified(label));
    }

    static GCMParameterSpec gcm(byte[] source, int offset) {
        return new GCMParameterSpec(128, source, offset, 12);
    }
}
