package org.medcrypt.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Two parties, A and B, with JDK-made RSA-2048 and Ed25519 keys, in one in-memory store: A made a
 * patient and a contact of it in one suite and shared both with B. The fuzz targets change the
 * stored documents' values and have B decrypt them.
 */
final class Parties {

    static final String PATIENT = "p1";
    static final String CONTACT = "c1";

    final CryptoProvider provider;
    final EntityStore store = new InMemoryEntityStore();
    final DelegationService b;

    Parties(String providerId, Suite suite) {
        this.provider = CryptoProviders.get(providerId);
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
            KeyPair aRsa = rsa.generateKeyPair();
            KeyPair bRsa = rsa.generateKeyPair();
            HexFormat hex = HexFormat.of();
            store.saveParty(HealthcareParty.of("A", hex.formatHex(aRsa.getPublic().getEncoded())));
            store.saveParty(HealthcareParty.of("B", hex.formatHex(bRsa.getPublic().getEncoded())));
            DelegationService a = service("A", aRsa, ed25519.generateKeyPair(), suite);
            Patient patient = a.createPatient(json("{\"id\":\"" + PATIENT + "\",\"note\":\"a note\"}"));
            a.createChild(EntityType.CONTACT, json("{\"id\":\"" + CONTACT + "\",\"descr\":\"a description\"}"),
                    patient);
            a.shareWithCascade(store.patient(PATIENT).orElseThrow(), "B");
            this.b = service("B", bRsa, ed25519.generateKeyPair(), suite);
            // B reads both once: its pair key with A is cached from here on
            b.decrypt(store.patient(PATIENT).orElseThrow());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private DelegationService service(String id, KeyPair rsa, KeyPair signing, Suite suite) {
        byte[] pkcs8 = signing.getPrivate().getEncoded();
        // the JDK writes RFC 8410 v1: the seed is the last 32 bytes
        byte[] signingPkcs8 = DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length));
        return DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(id, provider, List.of(rsa.getPrivate().getEncoded(), signingPkcs8)))
                .suite(suite).build();
    }

    static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }
}
