package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * One delegation unwrapped through the api: reader R asks for the secret foreign key of a
 * patient that A shared with it ({@code DelegationService.secretForeignKeys}), with the pair key
 * {A→R} already in R's cache (and its signature verdict). Exactly one small key is decrypted
 * (A→R). v1: hex decoding, pair-key lookup, AES-256-CBC of 64 bytes, UTF-8 and {@code id:} prefix
 * check; v2: envelope decoding, pair-key lookup by key id, AES-256-GCM with associated data, UTF-8
 * and shape check.
 */
public final class ApiDelegationScenario {

    private final DelegationService reader;
    private final Patient patient;

    public ApiDelegationScenario(String providerId, Suite suite) throws GeneralSecurityException {
        CryptoProvider provider = Impls.provider(providerId);
        InMemoryEntityStore store = Scheme.storeWith(List.of("A", "R"));
        DelegationService a = Scheme.service(provider, store, Scheme.keys(provider, "A"), PairKeyCache.create(), suite);
        Patient created = a.createPatient(Scheme.document("1234", "note", "n"));
        this.patient = a.shareWith(created, "R");
        this.reader = Scheme.service(provider, store, Scheme.keys(provider, "R"), PairKeyCache.create(), suite);
        verify();
    }

    Set<String> unwrap() {
        return reader.secretForeignKeys(patient);
    }

    public void verify() {
        if (unwrap().size() != 1 || reader.pairKeyCache().rsaOperations() != 1) {
            throw new IllegalStateException("expected one secret foreign key and one RSA operation");
        }
    }
}
