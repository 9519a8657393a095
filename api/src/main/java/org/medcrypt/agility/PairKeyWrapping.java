package org.medcrypt.agility;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.medcrypt.internal.Bytes;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.KeyAccess;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.RsaPublicKey;

/**
 * The cryptography of key rotation, on raw pair keys the caller owns and wipes: unwrap a stored
 * copy with a party's RSA keys, wrap it for another RSA key in the same format, sign an entry,
 * check an entry's signature, and derive a key-update proof.
 */
final class PairKeyWrapping {

    private static final int PROOF_BYTES = 32;

    private final CryptoProvider provider;
    private final WireFormats formats;

    PairKeyWrapping(CryptoProvider provider) {
        this.provider = provider;
        this.formats = new WireFormats(provider);
    }

    /** The format a {@code medcryptPairKeys} entry names, if known. */
    Optional<WireFormat> format(String label) {
        return WireFormats.byLabel(label).map(formats::of);
    }

    WireFormat format(org.medcrypt.spi.Suite suite) {
        return formats.of(suite);
    }

    /** A raw pair key and the key pair that opened it; {@link #close()} wipes the key. */
    static final class Opened implements AutoCloseable {
        final byte[] raw;
        final DataOwnerKeys.OwnedKeyPair openedWith;

        Opened(byte[] raw, DataOwnerKeys.OwnedKeyPair openedWith) {
            this.raw = raw;
            this.openedWith = openedWith;
        }

        @Override
        public void close() {
            Arrays.fill(raw, (byte) 0);
        }

        @Override
        public String toString() {
            return "Opened[openedWith=" + openedWith.fingerprint() + ", key=<redacted>]";
        }
    }

    /**
     * Unwraps {@code wrapped} with the key pair of {@code fingerprint} if given and held, else with
     * each of {@code pairs}; empty if none opens it.
     */
    Optional<Opened> unwrap(WireFormat format, String wrapped, String keyId, String owner, String delegate,
            Optional<String> fingerprint, DataOwnerKeys keys) {
        Optional<byte[]> ciphertext = format.decodeWrapped(wrapped);
        if (ciphertext.isEmpty()) {
            return Optional.empty();
        }
        List<DataOwnerKeys.OwnedKeyPair> pairs = fingerprint
                .map(fp -> keys.byFingerprint(new KeyFingerprint(fp.toLowerCase(Locale.ROOT))).map(List::of).orElse(List.of()))
                .orElse(keys.keyPairs());
        byte[] label = format.wrappingLabel(keyId, owner, delegate);
        for (DataOwnerKeys.OwnedKeyPair pair : pairs) {
            try {
                byte[] raw = provider.rsaOaep().decrypt(KeyAccess.privateKey(pair), format.wrapping(), ciphertext.get(), label);
                if (raw.length == 16 || raw.length == 24 || raw.length == 32) {
                    return Optional.of(new Opened(raw, pair));
                }
                Arrays.fill(raw, (byte) 0);
            } catch (GeneralSecurityException | RuntimeException e) {
                // not wrapped for this key pair
            }
        }
        return Optional.empty();
    }

    /** {@code raw} wrapped for {@code publicKey} as {@code format} stores it. */
    String wrap(WireFormat format, byte[] raw, RsaPublicKey publicKey, String keyId, String owner, String delegate) {
        byte[] label = format.wrappingLabel(keyId, owner, delegate);
        return format.encodeWrapped(ProviderCalls.encrypting("pair key wrapping",
                () -> provider.rsaOaep().encrypt(publicKey, format.wrapping(), raw, label)));
    }

    RsaPublicKey publicKey(String spkiHex, String whose) {
        return ProviderCalls.importingKey("public key of '" + whose + "'",
                () -> provider.rsaOaep().importPublicKey(Hex.decode(spkiHex, "publicKey of '" + whose + "'")));
    }

    /** {@code unsigned} with the owner's signature over it, as pair keys are signed when created. */
    PairKeyEntry signed(WireFormat format, String owner, String delegate, PairKeyEntry unsigned, DataOwnerKeys.SigningKey key) {
        byte[] signature = key.sign(PairKeySignatures.message(owner, delegate, unsigned));
        return new PairKeyEntry(unsigned.suite(), unsigned.id(), unsigned.ownerKey(), unsigned.delegateKey(),
                unsigned.forOwner(), unsigned.forDelegate(), Optional.of(PairKeySignatures.encode(format.suite(), signature)),
                Map.of());
    }

    /** Whether one of {@code signers} (Ed25519 public keys, hex) signed {@code entry}. */
    boolean signedByOneOf(WireFormat format, String owner, String delegate, PairKeyEntry entry, List<String> signers) {
        Optional<byte[]> signature = entry.signature().flatMap(text -> PairKeySignatures.decode(format.suite(), text));
        if (signature.isEmpty()) {
            return false;
        }
        byte[] message = PairKeySignatures.message(owner, delegate, entry);
        return signers.stream().anyMatch(signer -> verify(signer, message, signature.get()));
    }

    /** An Ed25519 check that is false for a malformed key, never an exception. */
    boolean verify(String signerHex, byte[] message, byte[] signature) {
        if (signerHex.length() != 2 * Ed25519.PUBLIC_KEY_LENGTH || !Hex.isHex(signerHex)) {
            return false;
        }
        try {
            return provider.ed25519().verify(provider.ed25519().importPublicKey(Hex.decode(signerHex, "signing key")),
                    message, signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The key-update proof for a pair key: HKDF-SHA-256 with the pair key as input key material
     * (a PRF of the info), binding the suite, the pair and the requester's new public key. Only a
     * holder of the pair key can make it, and it tells nothing about the key.
     */
    String proof(byte[] raw, String suite, String owner, String delegate, String newSpkiHex) {
        byte[] info = Bytes.tagged("medcrypt key update proof").field(suite).field(owner).field(delegate)
                .field(newSpkiHex.toLowerCase(Locale.ROOT)).toByteArray();
        byte[] proof = ProviderCalls.encrypting("key update proof",
                () -> provider.hkdf().sha256(raw, new byte[32], info, PROOF_BYTES));
        return Hex.encode(proof);
    }

    /** Whether {@code proof} is one of {@code proofs}, compared in constant time each. */
    static boolean contains(List<String> proofs, String proof) {
        byte[] mine = proof.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean found = false;
        for (String candidate : proofs) {
            found |= MessageDigest.isEqual(mine, candidate.toLowerCase(Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return found;
    }
}
