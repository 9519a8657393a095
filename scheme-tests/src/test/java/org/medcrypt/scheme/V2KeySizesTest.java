package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;

/** v2 pair keys between parties with RSA-2048, RSA-3072 and RSA-4096 keys (made by the JDK). */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class V2KeySizesTest {

    private static final Map<String, KeyPair> KEYS = new java.util.LinkedHashMap<>();

    static {
        try {
            int[] sizes = {3072, 4096};
            String[] parties = {"M", "L"};
            for (int i = 0; i < sizes.length; i++) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(sizes[i]);
                KEYS.put(parties[i], generator.generateKeyPair());
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Parameter
    String providerId;

    private DelegationService as(String party, CryptoProvider provider, EntityStore store) throws java.security.GeneralSecurityException {
        byte[] signing = DataOwnerKeys.ed25519Pkcs8(provider.ed25519().generateKeyPair().seed());
        return DelegationService.builder().provider(provider).store(store)
                .dataOwner(DataOwnerKeys.fromPkcs8(party, provider, List.of(KEYS.get(party).getPrivate().getEncoded(), signing)))
                .build();
    }

    @Test
    void pairKeysWrapForRsa3072And4096AndEachReadsWhatTheOtherShares() throws Exception {
        CryptoProvider provider = TestParties.provider(providerId);
        EntityStore store = TestParties.newStore(); // A–E have RSA-2048
        KEYS.forEach((id, pair) -> store.saveParty(HealthcareParty.of(id, HexFormat.of().formatHex(pair.getPublic().getEncoded()))));
        DelegationService l = as("L", provider, store);
        l.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"from a 4096-bit party\"}", "t"));
        l.shareWith(store.patient("P").orElseThrow(), "M");
        DelegationService m = as("M", provider, store);
        assertThat(m.decrypt(store.patient("P").orElseThrow()).field("note").map(JsonNode::asText)).contains("from a 4096-bit party");
        m.shareWith(store.patient("P").orElseThrow(), "A"); // 3072 → 2048
        assertThat(TestParties.as("A", provider, store).decrypt(store.patient("P").orElseThrow()).field("note")
                .map(JsonNode::asText)).contains("from a 4096-bit party");
        // the wrapped copies are as long as each party's modulus
        PairKeyEntry lm = store.party("L").orElseThrow().pairKeyEntries("M").get(0);
        assertThat(java.util.Base64.getUrlDecoder().decode(lm.forOwner().substring(4))).hasSize(3 + 512);
        assertThat(java.util.Base64.getUrlDecoder().decode(lm.forDelegate().substring(4))).hasSize(3 + 384);
    }
}
