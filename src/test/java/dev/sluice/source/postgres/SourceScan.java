package dev.sluice.source.postgres;

import dev.sluice.source.SourceQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The source's own limit: exactly the binary COPY {@link PostgresEventSource} runs for a query (same
 * rows, columns and order), drained into {@code out} without parsing. For the export benchmark.
 */
public final class SourceScan {

    private SourceScan() {
    }

    /** Streams the query's COPY output into {@code out} and returns the rows it sent. */
    public static long copyTo(DataSource dataSource, SourceQuery query, OutputStream out) throws SQLException, IOException {
        SourceTable table = SourceTable.of(query.model());
        List<SelectedColumn> columns = SourceSql.columns(table, query.schema());
        CopySql sql = CopySql.of(SourceSql.select(query, table, columns));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            if (sql.setup() != null) {
                try (PreparedStatement setup = connection.prepareStatement(sql.setup().sql())) {
                    Parameters.bind(setup, sql.setup().params());
                    setup.execute();
                }
            }
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql.copy(), out);
            connection.rollback();
            return rows;
        }
    }
}
