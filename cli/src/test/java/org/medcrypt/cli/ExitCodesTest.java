package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.medcrypt.store.jdbc.StoreUnavailableException;

class ExitCodesTest {

    @Test
    void aDatabaseThatFailsMidCommandIsBadInputNotUnexpected() {
        // opening failures were already exit 3 (DatabaseStore.open); one after opening was exit 1
        StoreUnavailableException lost = new StoreUnavailableException(
                "store sqlite:x.db: the database refused a statement (disk I/O error)", new SQLException("disk I/O error"));
        assertThat(ExitCodes.of(lost)).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(ExitCodes.message(lost)).contains("disk I/O error");
    }
}
