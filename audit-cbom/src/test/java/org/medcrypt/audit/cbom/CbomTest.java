package org.medcrypt.audit.cbom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.parsers.JsonParser;
import org.medcrypt.agility.AuditReport;
import org.medcrypt.agility.KeylessAudit;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;
import org.junit.jupiter.api.Test;

/** The CBOMs validate against CycloneDX 1.6 (cyclonedx-core-java's own schema validation) and name what the dataset uses. */
class CbomTest {

    private static final Path FIXTURE = Path.of(System.getProperty("medcrypt.fixtures", "")).resolve("dataset.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCbomOfTheIcureDatasetValidatesAndListsItsV1AlgorithmsKeysAndProtocol() throws Exception {
        AuditReport report = KeylessAudit.of(FIXTURE, KeylessAudit.Progress.none());
        String cbom = AuditCbom.toJson(report, "dataset.json");
        assertValid(cbom);
        JsonNode bom = JSON.readTree(cbom);
        assertThat(bom.get("specVersion").asText()).isEqualTo("1.6");
        List<JsonNode> assets = assets(bom);
        assertThat(assets).allSatisfy(asset -> assertThat(asset.has("cryptoProperties")).isTrue());
        assertThat(names(assets, "algorithm")).containsExactly("RSA-OAEP-SHA-1", "AES-256-CBC", "AES-128-CBC");
        // one public-key component per RSA key, named by its fingerprint, the old one of C deactivated
        List<JsonNode> rsaKeys = assets.stream().filter(a -> a.get("bom-ref").asText().startsWith("crypto/key/rsa/")).toList();
        long keyPairs = report.parties().stream().mapToLong(AuditReport.Party::keyPairs).sum();
        assertThat(rsaKeys).hasSize((int) keyPairs);
        assertThat(rsaKeys).extracting(k -> k.at("/cryptoProperties/relatedCryptoMaterialProperties/id").asText())
                .containsExactlyElementsOf(report.parties().stream().flatMap(p -> p.rsaKeys().stream())
                        .map(AuditReport.RsaKey::fingerprint).toList());
        assertThat(rsaKeys).extracting(k -> k.at("/cryptoProperties/relatedCryptoMaterialProperties/size").asInt())
                .containsOnly(2048);
        assertThat(rsaKeys).extracting(k -> k.at("/cryptoProperties/relatedCryptoMaterialProperties/state").asText())
                .containsOnlyOnce("deactivated");
        assertThat(property(rsaKeys.get(0), "medcrypt:nist.disallowedAfter")).isEqualTo("2035");
        // the pair keys and content keys by kind, with their counts
        assertThat(assets).filteredOn(a -> a.get("bom-ref").asText().equals("crypto/key/pair/v1-unsigned")).singleElement()
                .satisfies(a -> assertThat(property(a, "medcrypt:count")).isEqualTo(String.valueOf(report.pairKeyTotal())));
        assertThat(assets).filteredOn(a -> a.get("bom-ref").asText().equals("crypto/key/content/v1-128")).singleElement()
                .satisfies(a -> assertThat(property(a, "medcrypt:count"))
                        .isEqualTo(String.valueOf(report.v1Debt().contentKeys128())));
        assertThat(names(assets, "protocol")).containsExactly("medcrypt v1 (iCure)");
        JsonNode protocol = assets.stream().filter(a -> a.at("/cryptoProperties/assetType").asText().equals("protocol"))
                .findFirst().orElseThrow();
        List<String> refs = new ArrayList<>();
        protocol.at("/cryptoProperties/protocolProperties/cryptoRefArray").forEach(r -> refs.add(r.asText()));
        assertThat(refs).containsExactly("crypto/algorithm/rsa-oaep-sha1", "crypto/algorithm/aes-256-cbc",
                "crypto/algorithm/aes-128-cbc");
    }

    @Test
    void aV2DatasetGivesTheV2AlgorithmsAndProtocol() throws Exception {
        String v2 = """
                {"healthcareParties": [{"id": "A", "medcryptSigningKey": "%s",
                   "medcryptPairKeys": {"A": [{"suite": "v2", "id": "x", "ownerKey": "k", "delegateKey": "k",
                     "forOwner": "mc2:AgIFAAAA", "forDelegate": "mc2:AgIFAAAA", "signature": "mc2:AgIGAAAA"}]}}],
                 "patients": [{"id": "1", "delegations": {"A": [{"owner": "A", "delegatedTo": "A", "key": "mc2:AgIBAAAA"}]},
                   "encryptionKeys": {"A": [{"owner": "A", "delegatedTo": "A", "key": "mc2:AgICAAAA"}]},
                   "encryptedSelf": "mc2:AgIEAAAA"}]}
                """.formatted("ab".repeat(32));
        AuditReport report = KeylessAudit.of(new ByteArrayInputStream(v2.getBytes(StandardCharsets.UTF_8)), "v2",
                KeylessAudit.Progress.none());
        String cbom = AuditCbom.toJson(report, "v2.json");
        assertValid(cbom);
        List<JsonNode> assets = assets(JSON.readTree(cbom));
        assertThat(names(assets, "algorithm")).containsExactly("RSA-OAEP-SHA-256", "AES-256-GCM", "HKDF-SHA-256", "Ed25519");
        assertThat(names(assets, "protocol")).containsExactly("medcrypt v2");
        assertThat(assets).filteredOn(a -> a.get("bom-ref").asText().equals("crypto/key/ed25519/A")).singleElement()
                .satisfies(a -> assertThat(a.at("/cryptoProperties/relatedCryptoMaterialProperties/id").asText())
                        .isEqualTo("ab".repeat(32)));
    }

    @Test
    void theProvidersCbomValidatesAndHasAnAssetPerPrimitiveOfEachAvailableProvider() throws Exception {
        List<CryptoProvider> providers = CryptoProviders.all();
        assertThat(providers).extracting(CryptoProvider::id).contains("jca", "bouncycastle", "tink");
        String cbom = ProviderCbom.toJson(providers);
        assertValid(cbom);
        JsonNode bom = JSON.readTree(cbom);
        for (CryptoProvider provider : providers) {
            JsonNode library = null;
            for (JsonNode component : bom.get("components")) {
                if (component.get("bom-ref").asText().equals("provider/" + provider.id())) {
                    library = component;
                }
            }
            assertThat(library).as(provider.id()).isNotNull();
            assertThat(library.get("type").asText()).isEqualTo("library");
            if (provider.availability().isAvailable()) {
                assertThat(library.get("components")).hasSize(provider.primitives().size());
                for (int i = 0; i < provider.primitives().size(); i++) {
                    JsonNode asset = library.get("components").get(i);
                    assertThat(asset.get("type").asText()).isEqualTo("cryptographic-asset");
                    assertThat(asset.at("/cryptoProperties/assetType").asText()).isEqualTo("algorithm");
                    assertThat(property(asset, "medcrypt:implementation"))
                            .isEqualTo(provider.primitives().get(i).implementation());
                }
            } else {
                assertThat(property(library, "medcrypt:unavailableBecause")).isNotBlank();
            }
        }
    }

    @Test
    void theValidationUsedHereRejectsAnInvalidCbom() throws Exception {
        String cbom = AuditCbom.toJson(KeylessAudit.of(FIXTURE, KeylessAudit.Progress.none()), "dataset.json");
        String invalid = cbom.replace("\"assetType\" : \"algorithm\"", "\"assetType\" : \"spell\"");
        assertThat(invalid).isNotEqualTo(cbom);
        assertThat(new JsonParser().validate(invalid.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isNotEmpty();
    }

    private static void assertValid(String cbom) throws Exception {
        List<ParseException> errors = new JsonParser().validate(cbom.getBytes(StandardCharsets.UTF_8), Version.VERSION_16);
        assertThat(errors).as("CycloneDX 1.6 schema errors").isEmpty();
    }

    private static List<JsonNode> assets(JsonNode bom) {
        List<JsonNode> assets = new ArrayList<>();
        bom.get("components").forEach(c -> {
            if (c.get("type").asText().equals("cryptographic-asset")) {
                assets.add(c);
            }
        });
        return assets;
    }

    private static List<String> names(List<JsonNode> assets, String assetType) {
        return assets.stream().filter(a -> a.at("/cryptoProperties/assetType").asText().equals(assetType))
                .map(a -> a.get("name").asText()).toList();
    }

    private static String property(JsonNode component, String name) {
        for (JsonNode property : component.path("properties")) {
            if (property.get("name").asText().equals(name)) {
                return property.get("value").asText();
            }
        }
        return null;
    }
}
