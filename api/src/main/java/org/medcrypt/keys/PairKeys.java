package org.medcrypt.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.security.GeneralSecurityException;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.RsaPublicKey;
import org.medcrypt.store.EntityStore;

/**
 * Finds, unwraps and creates pair keys for one data owner.
 *
 * <p>Reading follows iCure: the pair key of owner O with delegate D is stored in O's party
 * document. {@code aesExchangeKeys} is tried first (one entry per owner key, one wrapped copy per
 * fingerprint that can open it); {@code hcPartyKeys} ({@code [for O, for D]}) is the fallback,
 * used for an owner key that has no {@code aesExchangeKeys} entry for D. Every unwrapped key goes
 * into the {@link PairKeyCache}, which counts the RSA operations.
 *
 * <p>Pair keys are wrapped with RSA-OAEP SHA-1/MGF1-SHA-1 (suite v1, what iCure's SDK writes).
 */
public final class PairKeys {

    /** iCure v1 wraps pair keys with RSA-OAEP SHA-1 / MGF1-SHA-1. */
    public static final OaepParameters WRAPPING = OaepParameters.SHA1_MGF1_SHA1;

    private static final byte[] NO_LABEL = new byte[0];
    private static final int PAIR_KEY_BITS = 256;

    private final CryptoProvider provider;
    private final DataOwnerKeys owner;
    private final EntityStore store;
    private final PairKeyCache cache;

    public PairKeys(CryptoProvider provider, DataOwnerKeys owner, EntityStore store, PairKeyCache cache) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.store = Objects.requireNonNull(store, "store");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    public PairKeyCache cache() {
        return cache;
    }

    /**
     * The pair keys of {@code pairOwner → pairDelegate} this data owner can unwrap, computed
     * lazily: iterate only as far as needed, since each new key costs an RSA operation.
     * Empty when this data owner is neither of the two, or holds no key that opens them.
     */
    public Iterable<PairKey> candidates(String pairOwner, String pairDelegate) {
        String me = owner.partyId();
        if (!me.equals(pairOwner) && !me.equals(pairDelegate)) {
            return List.of();
        }
        Optional<HealthcareParty> ownerDocument = store.party(pairOwner);
        if (ownerDocument.isEmpty()) {
            return List.of();
        }
        return () -> new CandidateIterator(ownerDocument.get(), pairDelegate);
    }

    /**
     * A pair key of this data owner with {@code delegate}, for sharing. Reuses one this owner can
     * unwrap, or creates one: 32 random bytes wrapped for this owner and for the delegate, stored
     * in the returned updated party document. Nothing is saved here: the caller saves the document
     * together with what it encrypted, then calls {@link #remember(PairKey)}.
     *
     * @throws NotFoundException if the delegate or this owner is not in the store
     * @throws KeyException if a party has no public key, or this owner's current public key is
     *     not one it holds the private key of
     */
    public PairKeyForSharing forSharing(String delegate) {
        Objects.requireNonNull(delegate, "delegate");
        String me = owner.partyId();
        HealthcareParty delegateDocument = store.party(delegate).orElseThrow(() -> new NotFoundException(
                "unknown delegate '" + delegate + "': add the healthcare party with its public key first"));
        Iterator<PairKey> existing = candidates(me, delegate).iterator();
        if (existing.hasNext()) {
            return new PairKeyForSharing(existing.next(), Optional.empty());
        }
        HealthcareParty myDocument = store.party(me).orElseThrow(() -> new NotFoundException(
                "data owner '" + me + "' is not in the store: add its healthcare party document first"));
        String mySpki = myDocument.publicKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + me + "' has no publicKey"));
        DataOwnerKeys.OwnedKeyPair myPair = owner.byFingerprint(KeyFingerprint.of(mySpki))
                .filter(pair -> pair.spkiHex().equalsIgnoreCase(mySpki))
                .orElseThrow(() -> new KeyException("the publicKey of healthcare party '" + me
                        + "' does not match any private key you hold: load the private key of that public key"));
        String delegateSpki = delegateDocument.publicKey().orElseThrow(() -> new KeyException(
                "healthcare party '" + delegate + "' has no publicKey: it cannot receive shared data"));
        RsaPublicKey delegateKey = ProviderCalls.importingKey("public key of '" + delegate + "'",
                () -> provider.rsaOaep().importPublicKey(Hex.decode(delegateSpki, "publicKey of '" + delegate + "'")));

        byte[] raw = ProviderCalls.encrypting("pair key generation", () -> provider.aesKeys().generate(PAIR_KEY_BITS));
        try {
            String forMe = Hex.encode(ProviderCalls.encrypting("pair key wrapping",
                    () -> provider.rsaOaep().encrypt(myPair.publicKey(), WRAPPING, raw, NO_LABEL)));
            String forDelegate = Hex.encode(ProviderCalls.encrypting("pair key wrapping",
                    () -> provider.rsaOaep().encrypt(delegateKey, WRAPPING, raw, NO_LABEL)));
            HealthcareParty updated = myDocument.withPairKey(delegate, mySpki, myPair.fingerprint().value(), forMe,
                    KeyFingerprint.of(delegateSpki).value(), forDelegate);
            AesKey key = ProviderCalls.importingKey("new pair key", () -> provider.aesKeys().importKey(raw));
            PairKeyId id = new PairKeyId(me, delegate, myPair.fingerprint());
            return new PairKeyForSharing(new PairKey(id, key), Optional.of(updated));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Puts a key created by {@link #forSharing} into the cache once its document is saved. */
    public void remember(PairKey key) {
        cache.put(key);
    }

    private Optional<PairKey> unwrap(PairKeyId id, DataOwnerKeys.OwnedKeyPair pair, String wrappedHex) {
        byte[] wrapped = Hex.decode(wrappedHex, "wrapped pair key " + id.owner() + "→" + id.delegate());
        cache.recordRsaOperation();
        byte[] raw;
        try {
            raw = provider.rsaOaep().decrypt(pair.privateKey(), WRAPPING, wrapped, NO_LABEL);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty(); // not wrapped for this key pair: the caller tries the next one
        }
        try {
            AesKey key = provider.aesKeys().importKey(raw);
            PairKey pairKey = new PairKey(id, key);
            cache.put(pairKey);
            return Optional.of(pairKey);
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // decrypted to something that is not an AES key
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Yields the cached or freshly unwrapped keys of one pair, one source at a time. */
    private final class CandidateIterator implements Iterator<PairKey> {
        private final HealthcareParty ownerDocument;
        private final String delegate;
        private final Iterator<Map.Entry<String, Map<String, Map<String, String>>>> exchangeKeys;
        private boolean legacyDone;
        private PairKey next;

        CandidateIterator(HealthcareParty ownerDocument, String delegate) {
            this.ownerDocument = ownerDocument;
            this.delegate = delegate;
            this.exchangeKeys = ownerDocument.aesExchangeKeys().entrySet().iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (exchangeKeys.hasNext()) {
                    Map.Entry<String, Map<String, Map<String, String>>> byOwnerKey = exchangeKeys.next();
                    Map<String, String> entries = byOwnerKey.getValue().get(delegate);
                    if (entries != null) {
                        next = fromExchangeKeys(KeyFingerprint.of(byOwnerKey.getKey()), entries).orElse(null);
                    }
                } else if (!legacyDone) {
                    legacyDone = true;
                    next = fromHcPartyKeys().orElse(null);
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public PairKey next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PairKey result = next;
            next = null;
            return result;
        }

        private Optional<PairKey> fromExchangeKeys(KeyFingerprint ownerKey, Map<String, String> entries) {
            PairKeyId id = new PairKeyId(ownerDocument.id(), delegate, ownerKey);
            Optional<PairKey> cached = cache.get(id);
            if (cached.isPresent()) {
                return cached;
            }
            for (DataOwnerKeys.OwnedKeyPair pair : owner.keyPairs()) {
                String wrapped = entries.get(pair.fingerprint().value());
                if (wrapped != null) {
                    Optional<PairKey> key = unwrap(id, pair, wrapped);
                    if (key.isPresent()) {
                        return key;
                    }
                }
            }
            return Optional.empty();
        }

        private Optional<PairKey> fromHcPartyKeys() {
            List<String> wrappedPair = ownerDocument.hcPartyKeys().get(delegate);
            Optional<String> ownerSpki = ownerDocument.publicKey();
            if (wrappedPair == null || ownerSpki.isEmpty()) {
                return Optional.empty();
            }
            // iCure writes the same wrapped key to both forms: when aesExchangeKeys has this owner
            // key for this delegate, it was already tried and hcPartyKeys adds nothing.
            Map<String, Map<String, String>> exchange = ownerDocument.aesExchangeKeys().get(ownerSpki.get());
            if (exchange != null && exchange.containsKey(delegate)) {
                return Optional.empty();
            }
            PairKeyId id = new PairKeyId(ownerDocument.id(), delegate, KeyFingerprint.of(ownerSpki.get()));
            Optional<PairKey> cached = cache.get(id);
            if (cached.isPresent()) {
                return cached;
            }
            String me = owner.partyId();
            List<String> wrappedForMe = new ArrayList<>(2);
            if (me.equals(ownerDocument.id())) {
                wrappedForMe.add(wrappedPair.get(0));
            }
            if (me.equals(delegate)) {
                wrappedForMe.add(wrappedPair.get(1));
            }
            Optional<String> mySpki = me.equals(ownerDocument.id())
                    ? ownerSpki
                    : store.party(me).flatMap(HealthcareParty::publicKey);
            for (DataOwnerKeys.OwnedKeyPair pair : owner.preferring(mySpki)) {
                for (String wrapped : wrappedForMe) {
                    Optional<PairKey> key = unwrap(id, pair, wrapped);
                    if (key.isPresent()) {
                        return key;
                    }
                }
            }
            return Optional.empty();
        }
    }
}
