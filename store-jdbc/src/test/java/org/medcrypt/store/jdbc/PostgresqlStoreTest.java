package org.medcrypt.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.medcrypt.FormatException;
import org.medcrypt.model.EntityType;

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
