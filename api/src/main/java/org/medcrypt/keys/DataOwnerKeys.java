package org.medcrypt.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medcrypt.KeyException;
import org.medcrypt.internal.Der;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519PrivateKey;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/**
 * The RSA key pairs a data owner holds: its current one and, after key rotation, older ones.
 * Private keys are parsed once by the provider and kept as handles.
 */
public final class DataOwnerKeys {

    /** One key pair: public key (SPKI hex), its fingerprint, and the provider handles. */
    public static final class OwnedKeyPair {
        private final String spkiHex;
        private final KeyFingerprint fingerprint;
        private final RsaPublicKey publicKey;
        private final RsaPrivateKey privateKey;

        private OwnedKeyPair(String spkiHex, RsaPublicKey publicKey, RsaPrivateKey privateKey) {
            this.spkiHex = spkiHex;
            this.fingerprint = KeyFingerprint.of(spkiHex);
            this.publicKey = publicKey;
            this.privateKey = privateKey;
        }

        /** The public key as SubjectPublicKeyInfo, lower-case hex (as published in the party document). */
        public String spkiHex() {
            return spkiHex;
        }

        /** iCure's fingerprint of the public key (a label, not a proof of which key it is). */
        public KeyFingerprint fingerprint() {
            return fingerprint;
        }

        /** The provider's handle on the public key. */
        public RsaPublicKey publicKey() {
            return publicKey;
        }

        /** The provider handle: for medcrypt's own code only (reached through {@code KeyAccess}). */
        RsaPrivateKey privateKey() {
            return privateKey;
        }

        @Override
        public String toString() {
            return "OwnedKeyPair[fingerprint=" + fingerprint + ", privateKey=<redacted>]";
        }
    }

    /** An Ed25519 signing key: the raw public key (hex) and the provider's private-key handle. */
    public static final class SigningKey {
        private final String publicKeyHex;
        private final Ed25519PrivateKey privateKey;
        private final CryptoProvider provider;

        private SigningKey(String publicKeyHex, Ed25519PrivateKey privateKey, CryptoProvider provider) {
            this.publicKeyHex = publicKeyHex;
            this.privateKey = privateKey;
            this.provider = provider;
        }

        /** The raw 32-byte public key as 64 lower-case hex digits, as published in the party document. */
        public String publicKeyHex() {
            return publicKeyHex;
        }

        /** Signs {@code message} with Ed25519 (RFC 8032): 64 bytes. */
        public byte[] sign(byte[] message) {
            return ProviderCalls.encrypting("pair key signing", () -> provider.ed25519().sign(privateKey, message));
        }

        Ed25519PrivateKey privateKey() {
            return privateKey;
        }

        @Override
        public String toString() {
            return "SigningKey[publicKey=" + publicKeyHex + ", privateKey=<redacted>]";
        }
    }

    static {
        org.medcrypt.internal.keys.KeyAccess.register(OwnedKeyPair::privateKey);
    }

    private final String partyId;
    private final List<OwnedKeyPair> keyPairs;
    private final List<SigningKey> signingKeys;

    private DataOwnerKeys(String partyId, List<OwnedKeyPair> keyPairs, List<SigningKey> signingKeys) {
        this.partyId = partyId;
        this.keyPairs = List.copyOf(keyPairs);
        this.signingKeys = List.copyOf(signingKeys);
    }

    /**
     * Parses PKCS#8 (DER) private keys with {@code provider}: RSA keys (the first is the current
     * one, later ones older keys kept for reading) and Ed25519 signing keys (RFC 8410; the first
     * signs new pair keys). The public half of each is derived from the private key. The caller
     * keeps ownership of the arrays and may wipe them after.
     *
     * @throws KeyException if a key is neither a valid RSA nor an Ed25519 PKCS#8 key, or no RSA
     *     key is given
     */
    public static DataOwnerKeys fromPkcs8(String partyId, CryptoProvider provider, Collection<byte[]> pkcs8Keys) {
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(provider, "provider");
        if (pkcs8Keys.isEmpty()) {
            throw new KeyException("data owner '" + partyId + "' needs at least one private key");
        }
        List<OwnedKeyPair> pairs = new ArrayList<>();
        List<SigningKey> signing = new ArrayList<>();
        int index = 0;
        for (byte[] pkcs8 : pkcs8Keys) {
            String what = "private key #" + (++index) + " of '" + partyId + "'";
            if (Der.isEd25519Pkcs8(pkcs8)) {
                byte[] seed = Der.ed25519Seed(pkcs8);
                try {
                    Ed25519PrivateKey key = ProviderCalls.importingKey(what, () -> provider.ed25519().importPrivateKey(seed));
                    signing.add(new SigningKey(Hex.encode(key.publicKey()), key, provider));
                } finally {
                    Arrays.fill(seed, (byte) 0);
                }
                continue;
            }
            byte[] spki = Der.rsaPublicKeyFromPkcs8(pkcs8);
            RsaPrivateKey privateKey =
                    ProviderCalls.importingKey(what, () -> provider.rsaOaep().importPrivateKey(pkcs8));
            RsaPublicKey publicKey =
                    ProviderCalls.importingKey(what + " (public half)", () -> provider.rsaOaep().importPublicKey(spki));
            pairs.add(new OwnedKeyPair(Hex.encode(spki), publicKey, privateKey));
        }
        if (pairs.isEmpty()) {
            throw new KeyException("data owner '" + partyId + "' needs at least one RSA private key (only signing keys were given)");
        }
        return new DataOwnerKeys(partyId, pairs, signing);
    }

    /**
     * The RFC 8410 PKCS#8 encoding of a raw 32-byte Ed25519 seed (as {@code
     * provider.ed25519().generateKeyPair().seed()} gives), the form {@link #fromPkcs8} and key
     * files take. The caller owns and wipes both arrays.
     */
    public static byte[] ed25519Pkcs8(byte[] seed) {
        if (seed.length != 32) {
            throw new KeyException("an Ed25519 seed is 32 bytes");
        }
        return Der.ed25519Pkcs8(seed);
    }

    /** Same as {@link #fromPkcs8(String, CryptoProvider, Collection)} for one key. */
    public static DataOwnerKeys fromPkcs8(String partyId, CryptoProvider provider, byte[] pkcs8) {
        return fromPkcs8(partyId, provider, List.of(pkcs8));
    }

    /** The id of the party these keys belong to. */
    public String partyId() {
        return partyId;
    }

    /** In the order given; the first is tried first. */
    public List<OwnedKeyPair> keyPairs() {
        return keyPairs;
    }

    /** The key pair with this fingerprint, if loaded. */
    public Optional<OwnedKeyPair> byFingerprint(KeyFingerprint fingerprint) {
        return keyPairs.stream().filter(pair -> pair.fingerprint().equals(fingerprint)).findFirst();
    }

    /** The key pairs, the one with {@code preferredSpkiHex} (if any) first. */
    public List<OwnedKeyPair> preferring(Optional<String> preferredSpkiHex) {
        List<OwnedKeyPair> ordered = new ArrayList<>(keyPairs);
        preferredSpkiHex.ifPresent(spki -> ordered.sort((a, b) ->
                Boolean.compare(!a.spkiHex().equalsIgnoreCase(spki), !b.spkiHex().equalsIgnoreCase(spki))));
        return ordered;
    }

    /**
     * The Ed25519 signing keys held, the current one (which signs new pair keys) first. Empty for
     * a party that only holds RSA keys, such as one whose keys iCure's SDK made: it can read, but
     * medcrypt creates no pair key for it until it has a signing key.
     */
    public List<SigningKey> signingKeys() {
        return signingKeys;
    }

    /**
     * The signing key new pair keys are signed with, and the only one that makes a pair key this
     * party's own (read as its own, shared under, re-signed by a rotation): an older one loaded
     * beside it, after a rotation, may have been stolen.
     */
    public Optional<SigningKey> currentSigningKey() {
        return signingKeys.isEmpty() ? Optional.empty() : Optional.of(signingKeys.get(0));
    }

    /** Destroys every private key handle. */
    public void destroy() {
        keyPairs.forEach(pair -> pair.privateKey().destroy());
        signingKeys.forEach(key -> key.privateKey().destroy());
    }

    @Override
    public String toString() {
        return "DataOwnerKeys[party=" + partyId + ", keys=" + Arrays.toString(
                keyPairs.stream().map(OwnedKeyPair::fingerprint).toArray()) + ", signingKeys=" + signingKeys.size() + "]";
    }
}
