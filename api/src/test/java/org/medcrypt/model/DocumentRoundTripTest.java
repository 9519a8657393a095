package org.medcrypt.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medcrypt.FormatException;
import org.medcrypt.json.MedcryptJson;

class DocumentRoundTripTest {

    private static final String CONTACT = """
            {"id":"4567","rev":"3-abc","created":1700000000000,"tags":[{"type":"X","code":"Y"}],
             "delegations":{"A":[{"owner":"A","delegatedTo":"A","key":"00ff"}],
                            "B":[{"owner":"A","delegatedTo":"B","key":"aa11"}]},
             "encryptionKeys":{},"secretForeignKeys":["abcd"],
             "cryptedForeignKeys":{"A":[{"owner":"A","delegatedTo":"A","key":"1234"}]},
             "encryptedSelf":"AAAA","futureField":{"nested":[1,2.50,null]}}
            """;

    @Test
    void anEntityIsWrittenBackExactlyAsRead() {
        ObjectNode json = MedcryptJson.parseObject(CONTACT, "contact");
        Contact contact = Contact.fromJson(json);

        assertThat(MedcryptJson.toPrettyString(contact.toJson())).isEqualTo(MedcryptJson.toPrettyString(json));
        assertThat(contact.id()).isEqualTo("4567");
        assertThat(contact.secretForeignKeys()).containsExactly("abcd");
        assertThat(contact.delegations().get("B")).containsExactly(new Delegation("A", "B", "aa11"));
        assertThat(contact.cryptedForeignKeys()).containsOnlyKeys("A");
        assertThat(contact.encryptedSelf()).contains("AAAA");
        assertThat(contact.field("futureField")).isPresent();
    }

    @Test
    void changesKeepUnknownFieldsAndTheirOrder() {
        Contact contact = Contact.fromJson(MedcryptJson.parseObject(CONTACT, "contact"));
        Contact changed = contact.withDelegationMap(DelegationKind.DELEGATIONS,
                Map.of("C", List.of(new Delegation("A", "C", "beef"))));

        List<String> names = iterate(changed.toJson());
        assertThat(names).containsExactly("id", "rev", "created", "tags", "delegations", "encryptionKeys",
                "secretForeignKeys", "cryptedForeignKeys", "encryptedSelf", "futureField");
        assertThat(changed.delegations()).containsOnlyKeys("C");
        assertThat(contact.delegations()).containsOnlyKeys("A", "B"); // the original is untouched
    }

    @Test
    void aPartyIsWrittenBackExactlyAsRead() {
        String text = """
                {"id":"A","name":"Dr A","publicKey":"30820122aabbccddeeff00112233445566778899",
                 "hcPartyKeys":{"B":["01","02"]},
                 "aesExchangeKeys":{"30820122aabbccddeeff00112233445566778899":{"B":{"fp1":"01","fp2":"02"}}},
                 "specialityCodes":[]}
                """;
        ObjectNode json = MedcryptJson.parseObject(text, "party");
        HealthcareParty party = HealthcareParty.fromJson(json);

        assertThat(party.toJson()).isEqualTo(json);
        assertThat(party.hcPartyKeys().get("B")).containsExactly("01", "02");
        assertThat(party.aesExchangeKeys().values().iterator().next().get("B")).containsEntry("fp2", "02");
    }

    @Test
    void malformedDocumentsAreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> Patient.fromJson(MedcryptJson.parseObject("{\"name\":\"x\"}", "p")))
                .isInstanceOf(FormatException.class).hasMessageContaining("'id'");
        assertThatThrownBy(() -> Patient.fromJson(MedcryptJson.parseObject(
                "{\"id\":\"1\",\"delegations\":{\"B\":{\"owner\":\"A\"}}}", "p")))
                .isInstanceOf(FormatException.class).hasMessageContaining("delegations['B']");
        assertThatThrownBy(() -> Patient.fromJson(MedcryptJson.parseObject(
                "{\"id\":\"1\",\"delegations\":{\"B\":[{\"owner\":\"A\",\"delegatedTo\":\"C\",\"key\":\"00\"}]}}", "p")))
                .isInstanceOf(FormatException.class).hasMessageContaining("delegatedTo");
        assertThatThrownBy(() -> Patient.fromJson(MedcryptJson.parseObject(
                "{\"id\":\"1\",\"secretForeignKeys\":[1]}", "p")))
                .isInstanceOf(FormatException.class).hasMessageContaining("secretForeignKeys");
        assertThatThrownBy(() -> HealthcareParty.fromJson(MedcryptJson.parseObject(
                "{\"id\":\"A\",\"hcPartyKeys\":{\"B\":[\"01\"]}}", "hcp")))
                .isInstanceOf(FormatException.class).hasMessageContaining("exactly two");
    }

    @Test
    void ambiguousOrTruncatedJsonIsRejected() {
        assertThatThrownBy(() -> MedcryptJson.parseObject("{\"id\":\"1\",\"id\":\"2\"}", "doc"))
                .isInstanceOf(FormatException.class).hasMessageContaining("doc is not valid JSON");
        assertThatThrownBy(() -> MedcryptJson.parseObject("{\"id\":\"1\"} {}", "doc"))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> MedcryptJson.parseObject("{\"id\":\"1\"", "doc"))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> MedcryptJson.parseObject("[]", "doc"))
                .isInstanceOf(FormatException.class).hasMessageContaining("must be a JSON object");
    }

    private static List<String> iterate(ObjectNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
