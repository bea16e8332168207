package dev.sluice.source.postgres;

import dev.sluice.source.SourceQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.PGConnection;

/** Reads of a source query for the export benchmark, next to {@link PostgresEventSource}'s own. */
public final class SourceScan {

    private SourceScan() {
    }

    /**
     * The source's own limit: exactly the binary COPY {@link PostgresEventSource} runs for the query
     * (same rows, columns and order) streamed into {@code out} without parsing; returns the rows sent.
     */
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

    /**
     * The source's previous read path, for comparison: the same select with bound parameters
     * through a JDBC {@code ResultSet} (fetch size {@code batchRows}), each value read with
     * {@code getString}/{@code getObject} into Arrow batches of {@code batchRows}. Returns the rows read.
     */
    public static long resultSetIntoArrow(DataSource dataSource, SourceQuery query, BufferAllocator allocator, int batchRows)
            throws SQLException {
        SourceTable table = SourceTable.of(query.model());
        List<SelectedColumn> columns = SourceSql.columns(table, query.schema());
        BoundSql sql = SourceSql.select(query, table, columns);
        long rows = 0;
        try (Connection connection = dataSource.getConnection();
             VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(columns.stream().map(SelectedColumn::arrowField).toList()), allocator)) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement select = connection.prepareStatement(sql.sql())) {
                select.setFetchSize(batchRows);
                Parameters.bind(select, sql.params());
                try (ResultSet result = select.executeQuery()) {
                    int row = batchRows;
                    while (result.next()) {
                        if (row == batchRows) {
                            root.allocateNew();
                            row = 0;
                        }
                        for (int c = 0; c < columns.size(); c++) {
                            readValue(result, c + 1, columns.get(c).kind(), root.getVector(c), row);
                        }
                        result.getObject(columns.size() + 1, OffsetDateTime.class);
                        result.getString(columns.size() + 2);
                        row++;
                        rows++;
                        root.setRowCount(row);
                    }
                }
            }
            connection.rollback();
        }
        return rows;
    }

    private static void readValue(ResultSet result, int index, ColumnKind kind, FieldVector vector, int row) throws SQLException {
        switch (kind) {
            case TEXT, JSON -> {
                String value = result.getString(index);
                if (value == null) {
                    ((VarCharVector) vector).setNull(row);
                } else {
                    ((VarCharVector) vector).setSafe(row, value.getBytes(StandardCharsets.UTF_8));
                }
            }
            case TIMESTAMP -> {
                OffsetDateTime value = result.getObject(index, OffsetDateTime.class);
                if (value == null) {
                    ((TimeStampMicroTZVector) vector).setNull(row);
                } else {
                    ((TimeStampMicroTZVector) vector).setSafe(row, value.toEpochSecond() * 1_000_000L + value.getNano() / 1_000);
                }
            }
            case INT64 -> ((BigIntVector) vector).setSafe(row, result.getLong(index));
        }
    }
}
