package org.medcrypt.keys;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * document. {@code aesExchangeKeys} is tried first, O's current public key first (one entry per
 * owner key, one wrapped copy per fingerprint that can open it); {@code hcPartyKeys}
 * ({@code [for O, for D]}) comes last, and only if nothing before it opened the data. Every
 * unwrapped key goes into the {@link PairKeyCache}, which counts the RSA operations; a copy
 * that is identical in both forms is unwrapped once.
 *
 * <p>Creating never replaces a stored key: a new pair key goes into
 * {@code aesExchangeKeys[owner's current key]}, and into {@code hcPartyKeys} only where that has
 * no entry for the delegate yet (after a key rotation it keeps the older key, which older data
 * still needs).
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
    private final Map<String, KeyFingerprint> fingerprints = new ConcurrentHashMap<>();
    /** The wrapped copies per pair, valid while the store returns the same party documents. */
    private final Map<List<String>, CopiesOfPair> copiesByPair = new ConcurrentHashMap<>();

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
        Optional<HealthcareParty> myDocument = me.equals(pairOwner) ? ownerDocument : store.party(me);
        List<String> pair = List.of(pairOwner, pairDelegate);
        CopiesOfPair memo = copiesByPair.get(pair);
        if (memo == null || memo.ownerDocument() != ownerDocument.get() || memo.myDocument() != myDocument.orElse(null)) {
            // documents are immutable: the same instances mean the same copies (no crypto here, only parsing)
            memo = new CopiesOfPair(ownerDocument.get(), myDocument.orElse(null),
                    wrappedCopiesForMe(ownerDocument.get(), myDocument, pairDelegate));
            if (copiesByPair.size() < cache.capacity()) {
                copiesByPair.put(pair, memo);
            }
        }
        List<WrappedCopy> copies = memo.copies();
        return () -> new CandidateIterator(copies);
    }

    private record CopiesOfPair(HealthcareParty ownerDocument, HealthcareParty myDocument, List<WrappedCopy> copies) {
    }

    /**
     * A pair key of this data owner with {@code delegate}, for sharing: one this owner can
     * unwrap (its current key's first), or a new one — 32 random bytes wrapped for this owner and
     * for the delegate, stored in the returned updated party document. Nothing is saved here: the
     * caller saves the document together with what it encrypted, on condition that the owner's
     * document is still {@link PairKeyForSharing#ownerDocument()}, then calls {@link #remember}.
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
        Optional<HealthcareParty> myDocument = store.party(me);
        Iterator<PairKey> existing = candidates(me, delegate).iterator();
        if (existing.hasNext()) {
            return new PairKeyForSharing(existing.next(), myDocument, Optional.empty());
        }
        HealthcareParty mine = myDocument.orElseThrow(() -> new NotFoundException(
                "data owner '" + me + "' is not in the store: add its healthcare party document first"));
        String mySpki = mine.publicKey().orElseThrow(() -> new KeyException(
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
            // for {AA} both slots are for A: iCure writes two separate encryptions
            RsaPublicKey forDelegateKey = me.equals(delegate) ? myPair.publicKey() : delegateKey;
            String forDelegate = Hex.encode(ProviderCalls.encrypting("pair key wrapping",
                    () -> provider.rsaOaep().encrypt(forDelegateKey, WRAPPING, raw, NO_LABEL)));
            HealthcareParty updated = mine.withPairKey(delegate, mySpki, myPair.fingerprint().value(), forMe,
                    KeyFingerprint.of(delegateSpki).value(), forDelegate);
            AesKey key = ProviderCalls.importingKey("new pair key", () -> provider.aesKeys().importKey(raw));
            PairKeyId id = new PairKeyId(me, delegate, myPair.fingerprint(), forMe);
            return new PairKeyForSharing(new PairKey(id, key), myDocument, Optional.of(updated));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Puts a key created by {@link #forSharing} into the cache once its document is saved. */
    public void remember(PairKey key) {
        cache.put(key);
    }

    /** One wrapped copy of a pair key that one of this owner's private keys may open. */
    private record WrappedCopy(PairKeyId id, DataOwnerKeys.OwnedKeyPair privateKey) {
    }

    /**
     * The wrapped copies this owner may open, in the order to try them; no cryptography, so
     * it is cheap to build for every read.
     */
    private List<WrappedCopy> wrappedCopiesForMe(HealthcareParty ownerDocument, Optional<HealthcareParty> myDocument,
            String delegate) {
        String me = owner.partyId();
        String pairOwner = ownerDocument.id();
        Optional<String> currentSpki = ownerDocument.publicKey();
        List<WrappedCopy> copies = new ArrayList<>(4);
        Map<String, Map<String, Map<String, String>>> exchangeKeys = ownerDocument.aesExchangeKeys();
        currentSpki.map(exchangeKeys::get).ifPresent(byDelegate ->
                addExchangeCopies(copies, pairOwner, delegate, currentSpki.get(), byDelegate));
        for (Map.Entry<String, Map<String, Map<String, String>>> byOwnerKey : exchangeKeys.entrySet()) {
            if (currentSpki.isEmpty() || !byOwnerKey.getKey().equals(currentSpki.get())) {
                addExchangeCopies(copies, pairOwner, delegate, byOwnerKey.getKey(), byOwnerKey.getValue());
            }
        }
        List<String> legacy = ownerDocument.hcPartyKeys().get(delegate);
        if (legacy != null) {
            KeyFingerprint ownerKey = currentSpki.map(this::fingerprint).orElse(new KeyFingerprint("unknown"));
            Optional<String> mySpki = myDocument.flatMap(HealthcareParty::publicKey);
            for (DataOwnerKeys.OwnedKeyPair pair : owner.preferring(mySpki)) {
                if (me.equals(pairOwner)) {
                    copies.add(new WrappedCopy(new PairKeyId(pairOwner, delegate, ownerKey, legacy.get(0)), pair));
                }
                if (me.equals(delegate)) {
                    copies.add(new WrappedCopy(new PairKeyId(pairOwner, delegate, ownerKey, legacy.get(1)), pair));
                }
            }
        }
        return List.copyOf(copies);
    }

    private void addExchangeCopies(List<WrappedCopy> copies, String pairOwner, String delegate, String ownerSpki,
            Map<String, Map<String, String>> byDelegate) {
        Map<String, String> entries = byDelegate.get(delegate);
        if (entries == null || ownerSpki.length() < KeyFingerprint.LENGTH) {
            return;
        }
        KeyFingerprint ownerKey = fingerprint(ownerSpki);
        for (DataOwnerKeys.OwnedKeyPair pair : owner.keyPairs()) {
            String wrapped = entries.get(pair.fingerprint().value());
            if (wrapped != null) {
                copies.add(new WrappedCopy(new PairKeyId(pairOwner, delegate, ownerKey, wrapped), pair));
            }
        }
    }

    private KeyFingerprint fingerprint(String spkiHex) {
        return fingerprints.computeIfAbsent(spkiHex, KeyFingerprint::of);
    }

    private Optional<PairKey> open(WrappedCopy copy) {
        Optional<PairKey> cached = cache.get(copy.id());
        if (cached.isPresent()) {
            return cached;
        }
        KeyFingerprint privateKey = copy.privateKey().fingerprint();
        if (cache.isUnopenable(copy.id(), privateKey)) {
            return Optional.empty();
        }
        Optional<PairKey> opened = unwrap(copy);
        if (opened.isEmpty()) {
            cache.markUnopenable(copy.id(), privateKey);
        }
        return opened;
    }

    private Optional<PairKey> unwrap(WrappedCopy copy) {
        byte[] wrapped;
        try {
            wrapped = Hex.decode(copy.id().wrappedKey(), "wrapped pair key");
        } catch (RuntimeException e) {
            return Optional.empty(); // malformed: cannot be a key of ours
        }
        cache.recordRsaOperation();
        byte[] raw;
        try {
            raw = provider.rsaOaep().decrypt(copy.privateKey().privateKey(), WRAPPING, wrapped, NO_LABEL);
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty(); // not wrapped for this key pair: the caller tries the next one
        }
        try {
            PairKey pairKey = new PairKey(copy.id(), provider.aesKeys().importKey(raw));
            cache.put(pairKey);
            return Optional.of(pairKey);
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // decrypted to something that is not an AES key
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** Opens the wrapped copies one at a time, as the caller asks for the next key. */
    private final class CandidateIterator implements Iterator<PairKey> {
        private final Iterator<WrappedCopy> copies;
        private final Set<String> yielded = new HashSet<>(4);
        private PairKey next;

        CandidateIterator(List<WrappedCopy> copies) {
            this.copies = copies.iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null && copies.hasNext()) {
                WrappedCopy copy = copies.next();
                if (!yielded.contains(copy.id().wrappedKey())) {
                    open(copy).ifPresent(key -> {
                        yielded.add(key.id().wrappedKey());
                        next = key;
                    });
                }
            }
            return next != null;
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
    }
}
