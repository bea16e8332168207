package dev.sluice.format;

import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Feeds Parquet the rows of the current Arrow batch; a record is a row index into that batch. */
final class ArrowRowWriteSupport extends WriteSupport<Integer> {

    private final MessageType schema;
    private final List<String> names;
    private final List<ColumnType> types;
    private RecordConsumer consumer;
    private VectorSchemaRoot batch;
    private byte[] scratch = new byte[4096];

    ArrowRowWriteSupport(Schema arrowSchema) {
        this.schema = ParquetSchemas.of(arrowSchema);
        this.names = arrowSchema.getFields().stream().map(Field::getName).toList();
        this.types = arrowSchema.getFields().stream().map(ColumnType::of).toList();
    }

    void batch(VectorSchemaRoot batch) {
        this.batch = batch;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
        consumer.startMessage();
        for (int c = 0; c < names.size(); c++) {
            FieldVector vector = batch.getVector(c);
            if (vector.isNull(row)) {
                continue;
            }
            String name = names.get(c);
            consumer.startField(name, c);
            switch (types.get(c)) {
                case TEXT, JSON -> consumer.addBinary(text(vector, row));
                case TIMESTAMP -> consumer.addLong(ColumnType.micros(vector, row));
                case INT64 -> consumer.addLong(ColumnType.int64(vector, row));
                case INT32 -> consumer.addInteger(ColumnType.int32(vector, row));
                case BOOLEAN -> consumer.addBoolean(ColumnType.bool(vector, row));
                case FLOAT64 -> consumer.addDouble(ColumnType.float64(vector, row));
            }
            consumer.endField(name, c);
        }
        consumer.endMessage();
    }

    /**
     * A text value copied into a scratch array Parquet may only read during the call: the column
     * writers encode it at once and copy it where they keep it (dictionary, statistics), so no
     * array is allocated per value.
     */
    private Binary text(FieldVector vector, int row) {
        BaseVariableWidthVector text = (BaseVariableWidthVector) vector;
        long start = text.getStartOffset(row);
        int length = (int) (text.getEndOffset(row) - start);
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        text.getDataBuffer().getBytes(start, scratch, 0, length);
        return Binary.fromReusedByteArray(scratch, 0, length);
    }
}
