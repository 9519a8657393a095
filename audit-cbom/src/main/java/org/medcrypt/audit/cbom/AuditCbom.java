package org.medcrypt.audit.cbom;

import static org.medcrypt.audit.cbom.CryptoAssets.algorithm;
import static org.medcrypt.audit.cbom.CryptoAssets.material;
import static org.medcrypt.audit.cbom.CryptoAssets.property;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.component.crypto.CipherSuite;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.ProtocolProperties;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Mode;
import org.cyclonedx.model.component.crypto.enums.Padding;
import org.cyclonedx.model.component.crypto.enums.Primitive;
import org.cyclonedx.model.component.crypto.enums.ProtocolType;
import org.cyclonedx.model.component.crypto.enums.RelatedCryptoMaterialType;
import org.cyclonedx.model.component.crypto.enums.State;
import org.cyclonedx.model.metadata.ToolInformation;
import org.medcrypt.agility.AuditReport;
import org.medcrypt.agility.AuditReport.PairKeyCount;
import org.medcrypt.agility.AuditReport.Party;
import org.medcrypt.agility.AuditReport.QuantumVulnerableAsset;
import org.medcrypt.agility.AuditReport.RsaKey;
import org.medcrypt.agility.AuditReport.ValueCount;
import org.medcrypt.agility.QuantumTransition;

/**
 * A dataset's {@link AuditReport} as a CycloneDX 1.6 cryptography bill of materials: one
 * {@code cryptographic-asset} component per algorithm the dataset uses (with how many values use
 * it), per key — each party's RSA and Ed25519 public keys by fingerprint, the pair keys and
 * content keys by kind with their counts — and per protocol use (medcrypt's v1 and v2 suites,
 * naming the algorithms they combine). Counts and NIST's quantum transition dates are
 * {@code medcrypt:} properties. Only public data: no key, no plaintext.
 */
public final class AuditCbom {

    private static final String RSA_V1 = "crypto/algorithm/rsa-oaep-sha1";
    private static final String RSA_V2 = "crypto/algorithm/rsa-oaep-sha256";
    private static final String AES_CBC_256 = "crypto/algorithm/aes-256-cbc";
    private static final String AES_CBC_128 = "crypto/algorithm/aes-128-cbc";
    private static final String AES_GCM_256 = "crypto/algorithm/aes-256-gcm";
    private static final String HKDF = "crypto/algorithm/hkdf-sha256";
    private static final String ED25519 = "crypto/algorithm/ed25519";

    private AuditCbom() {
    }

    /**
     * The CBOM of a report.
     *
     * @param datasetName how the BOM names the dataset (its file name, say)
     */
    public static Bom of(AuditReport report, String datasetName) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(datasetName, "datasetName");
        Bom bom = Cbom.newBom("dataset " + datasetName, Component.Type.DATA);
        bom.getMetadata().getComponent().setDescription("A medcrypt dataset: " + report.parties().size() + " parties, "
                + report.pairKeyTotal() + " pair keys, " + report.entityTotal() + " entities, " + report.datasetBytes()
                + " bytes");
        long v1Copies = values(report, "wrappedPairKey", "v1");
        long v2Copies = values(report, "wrappedPairKey", "v2");
        long v1Small = values(report, "secretId", "v1") + values(report, "contentKey", "v1") + values(report, "parentId", "v1");
        long v2Small = values(report, "secretId", "v2") + values(report, "contentKey", "v2") + values(report, "parentId", "v2");
        long v1Self = values(report, "encryptedSelf", "v1");
        long v2Self = values(report, "encryptedSelf", "v2");
        long signatures = values(report, "pairKeySignature", "v1") + values(report, "pairKeySignature", "v2")
                + values(report, "publicKeySignature", "v2");
        boolean anySigningKey = report.parties().stream().anyMatch(Party::signingKeyPresent);
        AuditReport.V1Debt debt = report.v1Debt();

        Map<String, Component> algorithms = new LinkedHashMap<>();
        if (v1Copies > 0 || hasPairKeys(report, "v1")) {
            Component rsa = algorithm(RSA_V1, "RSA-OAEP-SHA-1", Primitive.PKE, "2048", null, Padding.OAEP, null,
                    List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT), 112, 0);
            property(rsa, "use", "v1 pair-key wrapping (RSA-OAEP, SHA-1, MGF1-SHA-1, no label)");
            property(rsa, "values", v1Copies);
            algorithms.put(RSA_V1, rsa);
        }
        if (v2Copies > 0 || hasPairKeys(report, "v2")) {
            Component rsa = algorithm(RSA_V2, "RSA-OAEP-SHA-256", Primitive.PKE, "2048", null, Padding.OAEP, null,
                    List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT), 112, 0);
            property(rsa, "use", "v2 pair-key wrapping (RSA-OAEP, SHA-256, MGF1-SHA-256, label binding the pair)");
            property(rsa, "values", v2Copies);
            algorithms.put(RSA_V2, rsa);
        }
        if (v1Small > 0 || debt.contentKeys256() > 0) {
            Component aes = algorithm(AES_CBC_256, "AES-256-CBC", Primitive.BLOCK_CIPHER, "256", Mode.CBC, Padding.PKCS7,
                    null, List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT), 256, 5);
            property(aes, "use", "v1 small keys under the pair key (no integrity)"
                    + (debt.contentKeys256() > 0 ? "; v1 encryptedSelf under 64-hex-digit content keys" : ""));
            property(aes, "values", v1Small);
            algorithms.put(AES_CBC_256, aes);
        }
        if (v1Self > 0 || debt.contentKeys128() > 0) {
            Component aes = algorithm(AES_CBC_128, "AES-128-CBC", Primitive.BLOCK_CIPHER, "128", Mode.CBC, Padding.PKCS7,
                    null, List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT), 128, 1);
            property(aes, "use", "v1 encryptedSelf under UUID content keys (no integrity)");
            property(aes, "values", v1Self);
            algorithms.put(AES_CBC_128, aes);
        }
        if (v2Small > 0 || v2Self > 0) {
            Component gcm = algorithm(AES_GCM_256, "AES-256-GCM", Primitive.AE, "256", Mode.GCM, null, null,
                    List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT, CryptoFunction.TAG), 256, 5);
            property(gcm, "use", "v2 small keys under the pair key and encryptedSelf, with associated data");
            property(gcm, "values", v2Small + v2Self);
            algorithms.put(AES_GCM_256, gcm);
        }
        if (v2Self > 0) {
            Component hkdf = algorithm(HKDF, "HKDF-SHA-256", Primitive.KDF, "256", null, null, null,
                    List.of(CryptoFunction.KEYDERIVE), 256, 5);
            property(hkdf, "use", "v2 encryptedSelf key and key commitment from the content key");
            property(hkdf, "values", v2Self);
            algorithms.put(HKDF, hkdf);
        }
        if (signatures > 0 || anySigningKey) {
            Component ed = algorithm(ED25519, "Ed25519", Primitive.SIGNATURE, "255", null, null, "Ed25519",
                    List.of(CryptoFunction.SIGN, CryptoFunction.VERIFY), 128, 0);
            property(ed, "use", "signatures of pair keys and of parties' RSA public keys");
            property(ed, "values", signatures);
            algorithms.put(ED25519, ed);
        }
        algorithms.values().forEach(bom::addComponent);

        String rsaRef = algorithms.containsKey(RSA_V2) ? RSA_V2 : algorithms.containsKey(RSA_V1) ? RSA_V1 : null;
        Map<String, QuantumVulnerableAsset> quantum = new LinkedHashMap<>();
        report.quantumVulnerable().forEach(asset -> quantum.put(asset.party() + "/" + asset.fingerprint(), asset));
        for (Party party : report.parties()) {
            for (RsaKey key : party.rsaKeys()) {
                Component component = material("crypto/key/rsa/" + party.id() + "/" + key.fingerprint(),
                        "RSA public key of " + party.id(), RelatedCryptoMaterialType.PUBLIC_KEY, key.fingerprint(),
                        key.bits().orElse(null), rsaRef, key.current() ? State.ACTIVE : State.DEACTIVATED);
                quantumProperties(component, quantum.get(party.id() + "/" + key.fingerprint()));
                bom.addComponent(component);
            }
        }
        for (QuantumVulnerableAsset asset : report.quantumVulnerable()) {
            if (asset.algorithm().equals("Ed25519")) {
                Component component = material("crypto/key/ed25519/" + asset.party(), "Ed25519 signing public key of "
                        + asset.party(), RelatedCryptoMaterialType.PUBLIC_KEY, asset.fingerprint(), 256,
                        algorithms.containsKey(ED25519) ? ED25519 : null, State.ACTIVE);
                quantumProperties(component, asset);
                bom.addComponent(component);
            }
        }
        for (PairKeyCount count : report.pairKeys()) {
            String kind = count.suite() + (count.signed() ? "-signed" : "-unsigned") + (count.displaced() ? "-displaced" : "");
            Component component = material("crypto/key/pair/" + kind, "pair keys " + count.suite() + ", "
                    + (count.signed() ? "signed" : "unsigned") + (count.displaced() ? ", displaced" : ""),
                    RelatedCryptoMaterialType.SECRET_KEY, null, 256, count.suite().equals("v1") ? AES_CBC_256 : AES_GCM_256,
                    count.displaced() ? State.DEACTIVATED : State.ACTIVE);
            property(component, "count", count.count());
            property(component, "wrappedWith", "RSA-OAEP " + count.oaepHash());
            bom.addComponent(component);
        }
        contentKeys(bom, "v1-128", "content keys v1, 128 bits (UUID)", 128, AES_CBC_128, debt.contentKeys128());
        contentKeys(bom, "v1-256", "content keys v1, 256 bits (64 hex digits)", 256, AES_CBC_256, debt.contentKeys256());
        contentKeys(bom, "v2", "content keys v2, 256 bits", 256, HKDF, values(report, "contentKey", "v2"));

        List<Component> protocols = new ArrayList<>();
        if (algorithms.containsKey(RSA_V1) || algorithms.containsKey(AES_CBC_128) || v1Small > 0) {
            protocols.add(protocol("crypto/protocol/medcrypt-v1", "medcrypt v1 (iCure)", "1", "V1_ICURE",
                    present(algorithms, RSA_V1, AES_CBC_256, AES_CBC_128, ED25519)));
        }
        if (algorithms.containsKey(RSA_V2) || algorithms.containsKey(AES_GCM_256)) {
            protocols.add(protocol("crypto/protocol/medcrypt-v2", "medcrypt v2", "2", "V2_GCM_OAEP256",
                    present(algorithms, RSA_V2, AES_GCM_256, HKDF, ED25519)));
        }
        for (Component protocol : protocols) {
            bom.addComponent(protocol);
            Dependency dependency = new Dependency(protocol.getBomRef());
            protocol.getCryptoProperties().getProtocolProperties().getCryptoRefArray()
                    .forEach(ref -> dependency.addDependency(new Dependency(ref)));
            bom.addDependency(dependency);
        }
        Component root = bom.getMetadata().getComponent();
        property(root, "entities", report.entityTotal());
        property(root, "v1Debt.entities", debt.entities());
        property(root, "v1Debt.unsignedPairKeys", debt.unsignedPairKeys());
        property(root, "anomalies", report.anomalies().stream().mapToLong(AuditReport.Anomaly::count).sum());
        return bom;
    }

    /** The CBOM as CycloneDX 1.6 JSON. */
    public static String toJson(AuditReport report, String datasetName) {
        return Cbom.toJson(of(report, datasetName));
    }

    private static void contentKeys(Bom bom, String kind, String name, int bits, String algorithmRef, long count) {
        if (count == 0) {
            return;
        }
        Component component = material("crypto/key/content/" + kind, name, RelatedCryptoMaterialType.SECRET_KEY, null,
                bits, algorithmRef, State.ACTIVE);
        property(component, "count", count);
        bom.addComponent(component);
    }

    private static void quantumProperties(Component component, QuantumVulnerableAsset asset) {
        if (asset == null) {
            return;
        }
        property(component, "quantumVulnerable", true);
        asset.deprecatedAfter().ifPresent(year -> property(component, "nist.deprecatedAfter", year));
        property(component, "nist.disallowedAfter", asset.disallowedAfter());
        property(component, "nist.source", QuantumTransition.SOURCE);
    }

    private static List<String> present(Map<String, Component> algorithms, String... refs) {
        List<String> present = new ArrayList<>();
        for (String ref : refs) {
            if (algorithms.containsKey(ref)) {
                present.add(ref);
            }
        }
        return present;
    }

    private static Component protocol(String bomRef, String name, String version, String suite, List<String> algorithmRefs) {
        ProtocolProperties protocol = new ProtocolProperties();
        protocol.setType(ProtocolType.OTHER);
        protocol.setVersion(version);
        CipherSuite cipherSuite = new CipherSuite();
        cipherSuite.setName(suite);
        cipherSuite.setAlgorithms(new ArrayList<>(algorithmRefs));
        protocol.setCipherSuites(List.of(cipherSuite));
        protocol.setCryptoRefArray(new ArrayList<>(algorithmRefs));
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.PROTOCOL);
        crypto.setProtocolProperties(protocol);
        return CryptoAssets.component(bomRef, name, crypto);
    }

    private static boolean hasPairKeys(AuditReport report, String suite) {
        return report.pairKeys().stream().anyMatch(count -> count.suite().equals(suite));
    }

    private static long values(AuditReport report, String role, String suite) {
        long total = 0;
        for (ValueCount count : report.values()) {
            if (count.role().equals(role) && count.suite().equals(suite)) {
                total += count.count();
            }
        }
        return total;
    }

    /** Shared by {@link AuditCbom} and {@link ProviderCbom}: the BOM frame and its JSON. */
    static final class Cbom {
        private Cbom() {
        }

        static Bom newBom(String subject, Component.Type type) {
            Bom bom = new Bom();
            bom.setSerialNumber("urn:uuid:" + java.util.UUID.randomUUID());
            bom.setVersion(1);
            Metadata metadata = new Metadata();
            metadata.setTimestamp(new Date());
            Component tool = new Component();
            tool.setType(Component.Type.APPLICATION);
            tool.setName("medcrypt");
            tool.setVersion(Optional.ofNullable(AuditCbom.class.getPackage().getImplementationVersion())
                    .orElse("development build"));
            ToolInformation tools = new ToolInformation();
            tools.setComponents(List.of(tool));
            metadata.setToolChoice(tools);
            Component subjectComponent = new Component();
            subjectComponent.setType(type);
            subjectComponent.setName(subject);
            subjectComponent.setBomRef("subject");
            metadata.setComponent(subjectComponent);
            bom.setMetadata(metadata);
            return bom;
        }

        static String toJson(Bom bom) {
            try {
                return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString();
            } catch (GeneratorException e) {
                throw new IllegalStateException("the CBOM could not be written: " + e.getMessage(), e);
            }
        }

        static String lower(String text) {
            return text.toLowerCase(Locale.ROOT);
        }
    }
}
