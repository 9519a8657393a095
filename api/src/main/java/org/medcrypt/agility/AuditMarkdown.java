package org.medcrypt.agility;

import java.util.List;
import java.util.Locale;
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

/**
 * An {@link AuditReport} as Markdown, for people: headings, tables and counts. Every string the
 * dataset chose (ids, fingerprints, anomaly examples) goes through {@link #printable(String)}, so a
 * store cannot send escape sequences to the terminal the report is read in, nor reorder it with
 * bidirectional controls.
 */
public final class AuditMarkdown {

    private AuditMarkdown() {
    }

    /** The report as a Markdown document. */
    public static String render(AuditReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# medcrypt audit\n\n");
        out.append(String.format(Locale.ROOT, "%,d bytes; %d parties, %d pair keys, %d entities.%n%n",
                report.datasetBytes(), report.parties().size(), report.pairKeyTotal(), report.entityTotal()));

        out.append("## Parties and their keys\n\n");
        out.append("| party | key pairs | RSA bits | fingerprints | signing key | RSA key signed | pair keys owned "
                + "| signing-key rotations | pending key-update requests |\n");
        out.append("|---|--:|---|---|---|---|--:|--:|--:|\n");
        for (Party party : report.parties()) {
            out.append("| ").append(cell(party.id())).append(" | ").append(party.keyPairs()).append(" | ")
                    .append(join(party.rsaKeys().stream().map(k -> k.bits().map(String::valueOf).orElse("?")).toList()))
                    .append(" | ").append(join(party.rsaKeys().stream().map(AuditMarkdown::fingerprint).toList()))
                    .append(" | ").append(yesNo(party.signingKeyPresent())).append(" | ").append(yesNo(party.publicKeySigned()))
                    .append(" | ").append(party.pairKeysOwned()).append(" | ").append(party.signingKeyRotations())
                    .append(" | ").append(party.keyUpdateRequests()).append(" |\n");
        }
        out.append("\n## Pair keys\n\n| suite | RSA-OAEP hash | signed | displaced | count |\n|---|---|---|---|--:|\n");
        for (PairKeyCount count : report.pairKeys()) {
            out.append("| ").append(count.suite()).append(" | ").append(count.oaepHash()).append(" | ")
                    .append(yesNo(count.signed())).append(" | ").append(yesNo(count.displaced())).append(" | ")
                    .append(count.count()).append(" |\n");
        }
        out.append("\n## Entities\n\n");
        entityTable(out, report.entities());
        out.append("\n## Values\n\n| role | suite | count |\n|---|---|--:|\n");
        for (ValueCount count : report.values()) {
            out.append("| ").append(count.role()).append(" | ").append(count.suite()).append(" | ").append(count.count())
                    .append(" |\n");
        }
        AuditReport.V1Debt debt = report.v1Debt();
        out.append("\n## v1 debt (iCure's format: AES-CBC without integrity, RSA-OAEP with SHA-1)\n\n");
        out.append("| what | count |\n|---|--:|\n");
        row(out, "entities with v1 values", debt.entities());
        row(out, "of which also v2 (mixed)", debt.mixedEntities());
        row(out, "v1 values of entities", debt.values());
        row(out, "v1 pair keys", debt.pairKeys());
        row(out, "of which unsigned", debt.unsignedPairKeys());
        row(out, "distinct pair-key copies wrapped with RSA-OAEP SHA-1", debt.sha1OaepCopies());
        row(out, "v1 content keys of 128 bits (AES-128)", debt.contentKeys128());
        row(out, "v1 content keys of 256 bits", debt.contentKeys256());
        row(out, "v1 content keys of unknown size", debt.contentKeysUnknownSize());

        out.append("\n## Quantum-vulnerable assets\n\n").append(QuantumTransition.SOURCE).append("\n\n");
        out.append("| party | algorithm | key | bits | security bits | deprecated after | disallowed after | use |\n");
        out.append("|---|---|---|--:|--:|---|---|---|\n");
        for (QuantumVulnerableAsset asset : report.quantumVulnerable()) {
            out.append("| ").append(cell(asset.party())).append(" | ").append(asset.algorithm()).append(" | ")
                    .append(code(asset.fingerprint())).append(" | ").append(asset.bits().map(String::valueOf).orElse("?"))
                    .append(" | ").append(asset.classicalSecurityBits().map(String::valueOf).orElse("?")).append(" | ")
                    .append(asset.deprecatedAfter().map(String::valueOf).orElse("—")).append(" | ")
                    .append(asset.disallowedAfter()).append(" | ").append(cell(asset.use())).append(" |\n");
        }
        out.append("\n## Structural anomalies\n\n");
        if (report.anomalies().isEmpty()) {
            out.append("None found.\n");
        } else {
            out.append("| anomaly | count | examples |\n|---|--:|---|\n");
            for (Anomaly anomaly : report.anomalies()) {
                out.append("| ").append(anomaly.kind().label()).append(" | ").append(anomaly.count()).append(" | ")
                        .append(cell(String.join("; ", anomaly.examples()))).append(" |\n");
            }
        }
        report.access().ifPresent(access -> access(out, access));
        return out.toString();
    }

    private static void access(StringBuilder out, PartyAccess access) {
        out.append("\n## What ").append(cell(access.party())).append(" can open\n\n");
        out.append(String.format(Locale.ROOT, "With %d RSA key pair(s)%s, on provider %s: %d entities open.%n%n",
                access.keyPairsGiven(), access.signingKeyGiven() ? " and a signing key" : ", no signing key",
                access.provider(), access.openedTotal()));
        entityTable(out, access.opened());
        if (!access.openedUnderUnsignedPairKeys().isEmpty()) {
            out.append("\nRead under unsigned v1 pair keys (as authentic as the store is honest): ")
                    .append(cell(String.join(", ", access.openedUnderUnsignedPairKeys()))).append("\n");
        }
        out.append("\n### What fails, and why\n\n");
        if (access.failures().isEmpty()) {
            out.append("Nothing.\n");
        } else {
            out.append("| reason | count | ids |\n|---|--:|---|\n");
            for (AccessFailure failure : access.failures()) {
                out.append("| ").append(failure.reason().label()).append(" | ").append(failure.count()).append(" | ")
                        .append(cell(String.join(", ", failure.ids()))).append(" |\n");
            }
        }
        out.append("\n### Pair-key copies for ").append(cell(access.party())).append("\n\n");
        out.append("| owner → delegate | suite | wrapped for | status |\n|---|---|---|---|\n");
        for (PairKeyAccess key : access.pairKeys()) {
            out.append("| ").append(cell(key.owner())).append(" → ").append(cell(key.delegate())).append(" | ")
                    .append(key.suite()).append(" | ").append(key.forKey().map(AuditMarkdown::code).orElse("hcPartyKeys"))
                    .append(" | ").append(key.status().label()).append(" |\n");
        }
    }

    private static void entityTable(StringBuilder out, List<EntityCount> counts) {
        out.append("| type | suite | count |\n|---|---|--:|\n");
        for (EntityCount count : counts) {
            out.append("| ").append(count.type()).append(" | ").append(count.suite()).append(" | ").append(count.count())
                    .append(" |\n");
        }
    }

    private static void row(StringBuilder out, String what, long count) {
        out.append("| ").append(what).append(" | ").append(count).append(" |\n");
    }

    private static String fingerprint(RsaKey key) {
        return code(key.fingerprint()) + (key.current() ? "" : " (old)");
    }

    /** A code span in a table cell (a backtick would end it: it becomes a quote). */
    private static String code(String text) {
        return "`" + cell(text).replace('`', '\'') + "`";
    }

    private static String join(List<String> parts) {
        return String.join(", ", parts);
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** Ids come from the dataset: no pipe or line break may break the table, no control character reach a terminal. */
    private static String cell(String text) {
        return printable(text.replace("|", "\\|").replaceAll("[\\r\\n]+", " "));
    }

    /**
     * {@code text} with every control character written as a backslash, {@code u} and four hex digits: C0 (tab and line
     * breaks included), DEL and C1 — ESC and CSI start terminal escape sequences — and the
     * bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which reorder
     * what is shown.
     */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x061c || c == 0x200e || c == 0x200f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
