package org.medcrypt.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.medcrypt.FormatException;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * {@link JdbcStoreBehaviour} on PostgreSQL (the database of {@code MEDCRYPT_TEST_POSTGRES_URL};
 * required in CI, skipped elsewhere without it), and what only PostgreSQL has: jsonb, and what
 * jsonb refuses.
 */
class PostgresqlStoreTest extends JdbcStoreBehaviour {

    private String schema;

    @Override
    JdbcEntityStores.Builder newSettings() {
        JdbcEntityStores.Builder builder = databases.postgres();
        schema = builder.schema().orElseThrow();
        return builder;
    }

    @Override
    <T> T readAfterAnotherProcessCommitted(java.util.function.Supplier<T> read, Object expected) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        T value = read.get();
        while (!java.util.Optional.of(expected).equals(value) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            value = read.get();
        }
        return value;
    }

    @Test
    void aPartyDocumentIsServedFromTheCacheUntilItsChangeIsNotified() throws Exception {
        JdbcEntityStore store = databases.open(settings);
        HealthcareParty saved = store.saveParty(HealthcareParty.of("A", "30" + "ab".repeat(40)));
        HealthcareParty read = store.party("A").orElseThrow();
        assertThat(store.party("A").orElseThrow()).isSameAs(read);
        // a change behind the store's back (another process, a DBA): the trigger notifies it
        try (Connection connection = TestDatabases.postgresConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE " + schema + ".parties SET rev = '9-x', doc = jsonb_set(doc, '{rev}', '\"9-x\"')"
                    + " WHERE id = 'A'");
        }
        HealthcareParty after = store.party("A").orElseThrow();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!after.rev().equals(java.util.Optional.of("9-x")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
            after = store.party("A").orElseThrow();
        }
        assertThat(after.rev()).as("the notification dropped the cached document").contains("9-x");
        assertThat(saved.rev()).isNotEqualTo(after.rev());
    }

    @Test
    void documentsAreJsonbInTheSchemaGiven() throws Exception {
        JdbcEntityStore store = databases.open(settings);
        assertThat(store.dialect()).isEqualTo("postgresql");
        store.save(patient("p", "\"note\":\"x\""));
        try (Connection connection = TestDatabases.postgresConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT pg_typeof(doc)::text, doc->>'rev' = rev FROM "
                     + schema + ".entities WHERE id = 'p'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("jsonb");
            assertThat(rows.getBoolean(2)).as("the rev column is the document's rev").isTrue();
        }
    }

    @Test
    void aDocumentJsonbCannotHoldIsAFormatErrorAndNothingIsSaved() {
        JdbcEntityStore store = databases.open(settings);
        assertThatThrownBy(() -> store.saveAll(java.util.List.of(), java.util.List.of(
                patient("fine", "\"note\":\"x\""), patient("bad", "\"note\":\"nul \\u0000 inside\""))))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("\\u0000");
        assertThat(store.entity(EntityType.PATIENT, "fine")).isEmpty();
    }
}
