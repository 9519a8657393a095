package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoreLocationTest {

    @Test
    void sqliteInBothSpellingsIsTheSameFile() {
        StoreLocation short_ = StoreLocation.parse("sqlite:practice.db");
        StoreLocation jdbc = StoreLocation.parse("jdbc:sqlite:practice.db");
        assertThat(short_).isEqualTo(jdbc).isInstanceOf(StoreLocation.Database.class);
        StoreLocation.Database database = (StoreLocation.Database) short_;
        assertThat(database.kind()).isEqualTo(StoreLocation.Database.Kind.SQLITE);
        assertThat(database.sqliteFile()).isEqualTo(Path.of("practice.db"));
        assertThat(database.url()).isEqualTo("sqlite:practice.db");
        assertThat(StoreLocation.parse("SQLite:/var/lib/medcrypt/a b.db").toString()).isEqualTo("sqlite:/var/lib/medcrypt/a b.db");
    }

    @Test
    void postgresqlKeepsItsUrlButNeverShowsItsPasswordOrUser() {
        String url = "jdbc:postgresql://db.example:5432/medcrypt?user=mc&password=s3cr3t-Pa55";
        StoreLocation location = StoreLocation.parse(url);
        assertThat(location).isInstanceOf(StoreLocation.Database.class);
        assertThat(((StoreLocation.Database) location).url()).isEqualTo(url);
        assertThat(((StoreLocation.Database) location).kind()).isEqualTo(StoreLocation.Database.Kind.POSTGRESQL);
        assertThat(location.toString()).isEqualTo("jdbc:postgresql://db.example:5432/medcrypt").doesNotContain("s3cr3t");
        assertThat(StoreLocation.parse("jdbc:postgresql://mc:s3cr3t@db.example/medcrypt").toString())
                .isEqualTo("jdbc:postgresql://db.example/medcrypt");
    }

    @Test
    void aJsonFileIsADatasetFile() {
        assertThat(StoreLocation.parse("demo/dataset.json")).isEqualTo(new StoreLocation.JsonFile(Path.of("demo/dataset.json")));
        assertThat(StoreLocation.parse("BIG.JSON")).isInstanceOf(StoreLocation.JsonFile.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                   | the store is empty",
        "'   '                                | the store is empty",
        "sqlite:                              | names no file",
        "sqlite::memory:                      | in-memory",
        "jdbc:sqlite:file::memory:?cache=shared | in-memory",
        "sqlite:file:a.db?mode=ro             | plain file path",
        "jdbc:postgresql:medcrypt             | jdbc:postgresql://HOST[:PORT]/DATABASE",
        "jdbc:postgresql://localhost          | names no database",
        "jdbc:postgresql://localhost/         | names no database",
        "jdbc:mysql://localhost/medcrypt      | not 'mysql'",
        "mongodb://localhost/medcrypt         | unknown kind of store 'mongodb:'",
        "practice.db                          | for a SQLite database write sqlite:practice.db",
        "dataset.yaml                         | neither a store URL nor a .json dataset file",
    })
    void anythingElseIsRefusedWithTheFormsToUse(String value, String expected) {
        assertThatThrownBy(() -> StoreLocation.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void aLibpqUrlIsRefusedWithItsJdbcSpellingAndWithoutItsPassword() {
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://mc:s3cr3t@db.example/medcrypt?password=x9"))
                .hasMessageContaining("write jdbc:postgresql://db.example/medcrypt ")
                .message().doesNotContain("s3cr3t", "x9");
    }
}
