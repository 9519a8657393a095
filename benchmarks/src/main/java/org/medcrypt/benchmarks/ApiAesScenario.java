package org.medcrypt.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * {@code encryptedSelf} through the api, on a patient whose encrypted {@code note} is
 * {@code size} characters (the JSON encrypted is {@code size + 11} bytes), in one suite: v1
 * (AES-128-CBC under a UUID content key, base64) or v2 (HKDF-SHA-256 from the content key and a
 * random salt to a GCM key and a key commitment, AES-256-GCM with associated data, base64url
 * envelope).
 * <ul>
 *   <li>{@link #encrypt()}: {@code DelegationService.createPatient} (the only public way to
 *       encrypt an {@code encryptedSelf}): JSON serialisation, the cipher, the text encoding, plus
 *       two small keys and the entity's copies; saved to a store that forgets entities;</li>
 *   <li>{@link #decrypt()}: {@code DelegationService.decrypt(patient)} with a warm pair-key cache:
 *       the small keys, content key import (v2: derivation and commitment check), decoding, the
 *       cipher, JSON parse and merge.</li>
 * </ul>
 */
public final class ApiAesScenario {

    private final DelegationService writer;
    private final ObjectNode template;
    private final DelegationService reader;
    private final Patient encrypted;
    private final Suite suite;
    private final int size;
    private long nextId;

    public ApiAesScenario(String providerId, Suite suite, int size) throws GeneralSecurityException {
        CryptoProvider provider = Impls.provider(providerId);
        this.suite = suite;
        this.size = size;
        DataOwnerKeys keys = Scheme.keys(provider, "A");
        // one cache per store: a cache is keyed by (owner, delegate, owner key), so sharing one
        // between two stores that each made their own pair key {AA} would hand out the wrong key
        Scheme.DiscardingStore discarding = new Scheme.DiscardingStore();
        Scheme.storeWith(List.of("A")).scanParties().forEach(discarding::saveParty);
        this.writer = Scheme.service(provider, discarding, keys, PairKeyCache.create(), suite);
        this.template = Scheme.document("p", "note", Data.text(size, 21));

        InMemoryEntityStore store = Scheme.storeWith(List.of("A"));
        this.reader = Scheme.service(provider, store, keys, PairKeyCache.create(), suite);
        this.encrypted = reader.createPatient(Scheme.document("patient", "note", Data.text(size, 21)));
    }

    /**
     * Warms the JIT up for {@code target}'s {@code encrypt} or {@code decrypt} ({@link JitWarmUp}):
     * 6,000 calls on patients of 1 and 16 KiB of the same provider and suite in turn (for a target
     * over 64 KiB, also just over 64 KiB, one call in four; see {@link AesScenario#warmUp}), with
     * one of the target's own every 300.
     */
    static void warmUp(String providerId, Suite suite, ApiAesScenario target, boolean encrypt)
            throws GeneralSecurityException {
        ApiAesScenario k1 = new ApiAesScenario(providerId, suite, 1024);
        ApiAesScenario k16 = new ApiAesScenario(providerId, suite, 16384);
        List<ApiAesScenario> rotation = target.size <= 65536 ? List.of(k1, k16)
                : List.of(k1, k16, k1, new ApiAesScenario(providerId, suite, AesScenario.OVER_64_KIB));
        int[] next = {0};
        JitWarmUp.run(() -> rotation.get(next[0]++ % rotation.size()).run(encrypt), 6_000, () -> target.run(encrypt), 300);
    }

    private Object run(boolean encrypt) {
        return encrypt ? encrypt() : decrypt();
    }

    /** Creates (encrypts) a new patient; each call uses a new id. */
    Patient encrypt() {
        ObjectNode document = template.deepCopy();
        document.put("id", "p" + (++nextId));
        return writer.createPatient(document);
    }

    DecryptedEntity<Patient> decrypt() {
        return reader.decrypt(encrypted);
    }

    public void verify() {
        DecryptedEntity<Patient> decrypted = decrypt();
        String note = decrypted.field("note").orElseThrow().asText();
        if (note.length() != size || !decrypted.suite().equals(Optional.of(suite))
                || encrypt().encryptedSelf().isEmpty()) {
            throw new IllegalStateException("encryptedSelf round trip failed");
        }
    }
}
