package dev.sluice.format;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * A Parquet file with the schema of {@link ParquetSchemas} and the compression codec inside the
 * file. Rows are buffered per row group, so memory is bounded by the row group size. Columns are
 * dictionary-encoded except JSON ones: JSON texts (event properties) are nearly all distinct, so a
 * dictionary would only be built to be thrown away at every row group.
 */
final class ParquetBatchWriter implements BatchWriter {

    private final CountingOutputStream counted;
    private final ArrowRowWriteSupport support;
    private final ParquetWriter<Integer> writer;
    private long records;
    private boolean closed;

    ParquetBatchWriter(Schema schema, Compression compression, CountingOutputStream counted, long rowGroupBytes) throws IOException {
        this.counted = counted;
        this.support = new ArrowRowWriteSupport(schema);
        Builder builder = new Builder(new StreamOutputFile(counted), support)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec(compression))
                .withRowGroupSize(rowGroupBytes)
                .withDictionaryEncoding(true);
        for (Field field : schema.getFields()) {
            if (JsonColumns.isJson(field)) {
                builder = builder.withDictionaryEncoding(field.getName(), false);
            }
        }
        this.writer = builder.build();
    }

    static CompressionCodecName codec(Compression compression) {
        return switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case LZ4 -> CompressionCodecName.LZ4_RAW;
        };
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        support.batch(batch);
        int rows = batch.getRowCount();
        for (int row = 0; row < rows; row++) {
            writer.write(row);
        }
        records += rows;
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public long bytes() {
        return closed ? counted.count() : writer.getDataSize();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {

        private final ArrowRowWriteSupport support;

        Builder(OutputFile file, ArrowRowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}
