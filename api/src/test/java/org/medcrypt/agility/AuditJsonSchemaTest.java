package org.medcrypt.agility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.agility.AuditReport.AccessFailure;
import org.medcrypt.agility.AuditReport.EntityCount;
import org.medcrypt.agility.AuditReport.FailureReason;
import org.medcrypt.agility.AuditReport.PairKeyAccess;
import org.medcrypt.agility.AuditReport.PairKeyStatus;
import org.medcrypt.agility.AuditReport.PartyAccess;
import org.junit.jupiter.api.Test;

/** The audit's JSON validates against docs/audit.schema.json, a JSON Schema draft 2020-12 that is strict enough to fail. */
class AuditJsonSchemaTest {

    private static final JsonNode SCHEMA_DOCUMENT = IcureFixture.tree(Path.of("../docs/audit.schema.json"));
    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_DOCUMENT);

    @Test
    void theSchemaIsDraft202012() {
        assertThat(SCHEMA_DOCUMENT.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void theKeylessReportOfTheIcureDatasetValidates() {
        AuditReport report = KeylessAudit.of(IcureFixture.DATASET, KeylessAudit.Progress.none());
        assertThat(errors(AuditJson.toJson(report))).isEmpty();
    }

    @Test
    void aReportWithEveryAnomalyAndAPartysAccessValidates() {
        AuditReport report = KeylessAudit.of(new ByteArrayInputStream(("""
                {"healthcareParties": [{"id": "P", "publicKey": "00112233445566778899aabbccddeeff0011", "hcPartyKeys": {"Z": ["00", "11"]}},
                                       {"id": "P"}],
                 "patients": [{"id": "1", "delegations": {"Q": [{"owner": "X", "delegatedTo": "Q", "key": "mc2:AgICAA"}]}},
                              {"id": "1", "encryptedSelf": "mc2:AgIEAAAA"}, {"noId": 1}]}
                """).getBytes(StandardCharsets.UTF_8)), "test", KeylessAudit.Progress.none());
        assertThat(report.anomalies()).hasSizeGreaterThanOrEqualTo(5);
        List<AccessFailure> failures = Arrays.stream(FailureReason.values())
                .map(reason -> new AccessFailure(reason, 1, List.of("id-" + reason.label()))).toList();
        List<PairKeyAccess> pairKeys = Arrays.stream(PairKeyStatus.values())
                .map(status -> new PairKeyAccess("P", "Q", "v1", status.ordinal() % 2 == 0 ? Optional.of("ab") : Optional.empty(),
                        status)).toList();
        AuditReport withAccess = report.withAccess(new PartyAccess("P", "jca", 2, true,
                List.of(new EntityCount("patient", "v2", 3), new EntityCount("contact", "mixed", 1)), List.of("1"),
                failures, pairKeys));
        ObjectNode json = AuditJson.toJson(withAccess);
        assertThat(errors(json)).isEmpty();
        assertThat(json.get("access").get("failures")).hasSize(FailureReason.values().length);
    }

    @Test
    void theSchemaRejectsWhatIsNotAnAuditReport() {
        ObjectNode json = AuditJson.toJson(KeylessAudit.of(IcureFixture.DATASET, KeylessAudit.Progress.none()));
        ObjectNode missing = json.deepCopy();
        missing.remove("v1Debt");
        assertThat(errors(missing)).isNotEmpty();
        ObjectNode unknownField = json.deepCopy();
        unknownField.put("surprise", 1);
        assertThat(errors(unknownField)).isNotEmpty();
        ObjectNode badSuite = json.deepCopy();
        ((ObjectNode) badSuite.get("pairKeys").get(0)).put("suite", "v3");
        assertThat(errors(badSuite)).isNotEmpty();
        ObjectNode negative = json.deepCopy();
        ((ObjectNode) negative.get("totals")).put("entities", -1);
        assertThat(errors(negative)).isNotEmpty();
    }

    private static Set<ValidationMessage> errors(JsonNode json) {
        return SCHEMA.validate(json);
    }
}
