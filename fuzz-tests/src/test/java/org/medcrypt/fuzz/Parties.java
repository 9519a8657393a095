package org.medcrypt.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
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
import org.medcrypt.tck.Fixture;

/**
 * Two parties, A and B, with the RSA-2048 keys of the iCure fixture (provider-tck) and fixed
 * Ed25519 seeds, in one in-memory store: A made a patient and a contact of it in one suite and
 * shared both with B. The fuzz targets change the stored documents' values and have B decrypt
 * them. Fixed keys: no key generation before the first input, and the same parties every run.
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
            byte[] aRsa = Fixture.privateKeys("A").get(0);
            byte[] bRsa = Fixture.privateKeys("B").get(0);
            HexFormat hex = HexFormat.of();
            store.saveParty(HealthcareParty.of("A", hex.formatHex(publicKeyOf(aRsa))));
            store.saveParty(HealthcareParty.of("B", hex.formatHex(publicKeyOf(bRsa))));
            DelegationService a = service("A", aRsa, suite);
            Patient patient = a.createPatient(json("{\"id\":\"" + PATIENT + "\",\"note\":\"a note\"}"));
            a.createChild(EntityType.CONTACT, json("{\"id\":\"" + CONTACT + "\",\"descr\":\"a description\"}"),
                    patient);
            a.shareWithCascade(store.patient(PATIENT).orElseThrow(), "B");
            this.b = service("B", bRsa, suite);
            // B reads both once: its pair key with A is cached from here on
            b.decrypt(store.patient(PATIENT).orElseThrow());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SPKI of an RSA PKCS#8 key. */
    private static byte[] publicKeyOf(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
    }

    private DelegationService service(String id, byte[] rsaPkcs8, Suite suite) throws GeneralSecurityException {
        // a fixed Ed25519 seed per party: SHA-256 of its id
        byte[] seed = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII));
        return DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(id, provider, List.of(rsaPkcs8, DataOwnerKeys.ed25519Pkcs8(seed))))
                .suite(suite).build();
    }

    static ObjectNode json(String text) {
        return MedcryptJson.parseObject(text, "test document");
    }
}
