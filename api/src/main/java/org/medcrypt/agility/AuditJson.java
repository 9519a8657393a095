package org.medcrypt.agility;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.medcrypt.agility.AuditReport.AccessFailure;
import org.medcrypt.agility.AuditReport.Anomaly;
import org.medcrypt.agility.AuditReport.EntityCount;
import org.medcrypt.agility.AuditReport.PairKeyAccess;
import org.medcrypt.agility.AuditReport.PairKeyCount;
import org.medcrypt.agility.AuditReport.Party;
import org.medcrypt.agility.AuditReport.PartyAccess;
import org.medcrypt.agility.AuditReport.QuantumVulnerableAsset;
import org.medcrypt.agility.AuditReport.RsaKey;
import org.medcrypt.agility.AuditReport.ValueCount;
import org.medcrypt.json.MedcryptJson;

/**
 * An {@link AuditReport} as JSON, in the shape {@code docs/audit.schema.json} (JSON Schema draft
 * 2020-12) describes. Field order is fixed, so the same report gives the same text.
 */
public final class AuditJson {

    /** The value of {@code "auditFormat"}: bumped when a field changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;

    private AuditJson() {
    }

    /** The report as an indented JSON document, its control characters escaped ({@link #escapeControls(String)}). */
    public static String render(AuditReport report) {
        return escapeControls(MedcryptJson.toPrettyString(toJson(report)));
    }

    /**
     * JSON text with DEL, the C1 controls and the bidirectional controls of its strings written as
     * {@code \\u} escapes, as Jackson writes C0: the same strings to a JSON reader, nothing a terminal
     * that shows the text acts on. (Outside strings, JSON text has none of these characters.)
     */
    public static String escapeControls(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c >= 0x7f && AuditMarkdown.isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? json : out.toString();
    }

    /** The report as a JSON tree, for callers that embed it. */
    public static ObjectNode toJson(AuditReport report) {
        JsonNodeFactory nodes = MedcryptJson.nodes();
        ObjectNode root = nodes.objectNode();
        root.put("auditFormat", FORMAT_VERSION);
        root.put("datasetBytes", report.datasetBytes());
        ObjectNode totals = root.putObject("totals");
        totals.put("parties", report.parties().size());
        totals.put("pairKeys", report.pairKeyTotal());
        totals.put("entities", report.entityTotal());
        ArrayNode parties = root.putArray("parties");
        for (Party party : report.parties()) {
            ObjectNode item = parties.addObject();
            item.put("id", party.id());
            item.put("keyPairs", party.keyPairs());
            ArrayNode keys = item.putArray("rsaKeys");
            for (RsaKey key : party.rsaKeys()) {
                ObjectNode k = keys.addObject();
                k.put("fingerprint", key.fingerprint());
                putOptional(k, "bits", key.bits());
                k.put("current", key.current());
            }
            item.put("signingKey", party.signingKeyPresent());
            item.put("publicKeySigned", party.publicKeySigned());
            item.put("pairKeysOwned", party.pairKeysOwned());
            item.put("signingKeyRotations", party.signingKeyRotations());
            item.put("keyUpdateRequests", party.keyUpdateRequests());
        }
        ArrayNode pairKeys = root.putArray("pairKeys");
        for (PairKeyCount count : report.pairKeys()) {
            ObjectNode item = pairKeys.addObject();
            item.put("suite", count.suite());
            item.put("oaepHash", count.oaepHash());
            item.put("signed", count.signed());
            item.put("displaced", count.displaced());
            item.put("count", count.count());
        }
        entityCounts(root.putArray("entities"), report.entities());
        ArrayNode values = root.putArray("values");
        for (ValueCount count : report.values()) {
            ObjectNode item = values.addObject();
            item.put("role", count.role());
            item.put("suite", count.suite());
            item.put("count", count.count());
        }
        AuditReport.V1Debt debt = report.v1Debt();
        ObjectNode v1 = root.putObject("v1Debt");
        v1.put("entities", debt.entities());
        v1.put("mixedEntities", debt.mixedEntities());
        v1.put("values", debt.values());
        v1.put("pairKeys", debt.pairKeys());
        v1.put("unsignedPairKeys", debt.unsignedPairKeys());
        v1.put("sha1OaepCopies", debt.sha1OaepCopies());
        v1.put("contentKeys128", debt.contentKeys128());
        v1.put("contentKeys256", debt.contentKeys256());
        v1.put("contentKeysUnknownSize", debt.contentKeysUnknownSize());
        ObjectNode quantum = root.putObject("quantumVulnerable");
        quantum.put("source", QuantumTransition.SOURCE);
        ArrayNode assets = quantum.putArray("assets");
        for (QuantumVulnerableAsset asset : report.quantumVulnerable()) {
            ObjectNode item = assets.addObject();
            item.put("party", asset.party());
            item.put("algorithm", asset.algorithm());
            item.put("fingerprint", asset.fingerprint());
            putOptional(item, "bits", asset.bits());
            putOptional(item, "classicalSecurityBits", asset.classicalSecurityBits());
            putOptional(item, "deprecatedAfter", asset.deprecatedAfter());
            item.put("disallowedAfter", asset.disallowedAfter());
            item.put("use", asset.use());
        }
        ArrayNode anomalies = root.putArray("anomalies");
        for (Anomaly anomaly : report.anomalies()) {
            ObjectNode item = anomalies.addObject();
            item.put("kind", anomaly.kind().label());
            item.put("count", anomaly.count());
            strings(item.putArray("examples"), anomaly.examples());
        }
        report.access().ifPresent(access -> access(root.putObject("access"), access));
        return root;
    }

    private static void access(ObjectNode node, PartyAccess access) {
        node.put("party", access.party());
        node.put("provider", access.provider());
        node.put("keyPairsGiven", access.keyPairsGiven());
        node.put("signingKeyGiven", access.signingKeyGiven());
        node.put("openedTotal", access.openedTotal());
        entityCounts(node.putArray("opened"), access.opened());
        strings(node.putArray("openedUnderUnsignedPairKeys"), access.openedUnderUnsignedPairKeys());
        ArrayNode failures = node.putArray("failures");
        for (AccessFailure failure : access.failures()) {
            ObjectNode item = failures.addObject();
            item.put("reason", failure.reason().label());
            item.put("count", failure.count());
            strings(item.putArray("ids"), failure.ids());
        }
        ArrayNode pairKeys = node.putArray("pairKeys");
        for (PairKeyAccess key : access.pairKeys()) {
            ObjectNode item = pairKeys.addObject();
            item.put("owner", key.owner());
            item.put("delegate", key.delegate());
            item.put("suite", key.suite());
            if (key.forKey().isPresent()) {
                item.put("forKey", key.forKey().get());
            } else {
                item.putNull("forKey");
            }
            item.put("status", key.status().label());
            item.put("usable", key.status().usable());
        }
    }

    private static void entityCounts(ArrayNode array, List<EntityCount> counts) {
        for (EntityCount count : counts) {
            ObjectNode item = array.addObject();
            item.put("type", count.type());
            item.put("suite", count.suite());
            item.put("count", count.count());
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putOptional(ObjectNode node, String field, Optional<Integer> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
