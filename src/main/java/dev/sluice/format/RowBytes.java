package dev.sluice.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * A growable byte buffer the row-oriented writers assemble UTF-8 rows in, straight from Arrow's
 * buffers: text values are copied as bytes (no {@link String} per value) and escaped in place only
 * when they need it, timestamps are formatted digit by digit. The rows go to the (compressing)
 * stream in large writes.
 */
final class RowBytes {

    /** When the buffer holds this much it is written out, even mid-batch. */
    static final int FLUSH_AT = 256 * 1024;

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[FLUSH_AT + 64 * 1024];
    private int size;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] cachedDate = new byte[10];

    int size() {
        return size;
    }

    void write(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    void write(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void writeAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    /** Writes out what is buffered once it passes {@link #FLUSH_AT}. */
    void spillIfFull(OutputStream out) throws IOException {
        if (size >= FLUSH_AT) {
            drainTo(out);
        }
    }

    void drainTo(OutputStream out) throws IOException {
        if (size > 0) {
            out.write(bytes, 0, size);
            size = 0;
        }
    }

    /** Appends the raw UTF-8 bytes of a text value and returns where they start in the buffer. */
    private int appendValue(FieldVector vector, int row, int reserve) {
        BaseVariableWidthVector text = (BaseVariableWidthVector) vector;
        long start = text.getStartOffset(row);
        int length = (int) (text.getEndOffset(row) - start);
        ensure(length + reserve);
        ArrowBuf data = text.getDataBuffer();
        int at = size;
        data.getBytes(start, bytes, at, length);
        size += length;
        return at;
    }

    /** A text value as a JSON string: quotes, backslashes and control characters escaped as Jackson does. */
    void writeJsonString(FieldVector vector, int row) {
        write((byte) '"');
        int at = appendValue(vector, row, 1);
        int end = size;
        int i = at;
        while (i < end && !needsJsonEscape(bytes[i])) {
            i++;
        }
        if (i < end) {
            byte[] tail = Arrays.copyOfRange(bytes, i, end);
            size = i;
            for (byte b : tail) {
                if (needsJsonEscape(b)) {
                    writeJsonEscape(b);
                } else {
                    write(b);
                }
            }
        }
        write((byte) '"');
    }

    private static boolean needsJsonEscape(byte b) {
        return b >= 0 && (b < 0x20 || b == '"' || b == '\\');
    }

    private void writeJsonEscape(byte b) {
        ensure(6);
        bytes[size++] = '\\';
        switch (b) {
            case '"', '\\' -> bytes[size++] = b;
            case '\n' -> bytes[size++] = 'n';
            case '\r' -> bytes[size++] = 'r';
            case '\t' -> bytes[size++] = 't';
            case '\b' -> bytes[size++] = 'b';
            case '\f' -> bytes[size++] = 'f';
            default -> {
                bytes[size++] = 'u';
                bytes[size++] = '0';
                bytes[size++] = '0';
                bytes[size++] = HEX[b >> 4];
                bytes[size++] = HEX[b & 0xf];
            }
        }
    }

    /**
     * A JSON text as it is, on one line. Valid JSON has line breaks only as whitespace between
     * tokens (inside strings they are escaped), so replacing them with spaces keeps the value.
     */
    void writeJsonValue(FieldVector vector, int row) {
        int at = appendValue(vector, row, 0);
        for (int i = at; i < size; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = ' ';
            }
        }
    }

    /** A text value as an RFC 4180 field: quoted, with quotes doubled, when empty or holding a comma, quote, CR or LF. */
    void writeCsvField(FieldVector vector, int row) {
        int at = appendValue(vector, row, 0);
        finishCsvField(at);
    }

    void writeCsvField(byte[] value) {
        int at = size;
        write(value);
        finishCsvField(at);
    }

    private void finishCsvField(int at) {
        int end = size;
        boolean quote = end == at;
        for (int i = at; i < end && !quote; i++) {
            byte b = bytes[i];
            quote = b == ',' || b == '"' || b == '\r' || b == '\n';
        }
        if (!quote) {
            return;
        }
        byte[] value = Arrays.copyOfRange(bytes, at, end);
        size = at;
        write((byte) '"');
        for (byte b : value) {
            if (b == '"') {
                write((byte) '"');
            }
            write(b);
        }
        write((byte) '"');
    }

    /** ISO-8601 in UTC with microseconds, as {@link ColumnType#isoTimestamp}: {@code 2024-03-01T10:00:00.000000Z}. */
    void writeIsoTimestamp(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        if (day != cachedDay) {
            LocalDate date = LocalDate.ofEpochDay(day);
            if (date.getYear() < 0 || date.getYear() > 9999) {
                writeAscii(ColumnType.isoTimestamp(micros));
                return;
            }
            digits(cachedDate, 0, date.getYear(), 4);
            cachedDate[4] = '-';
            digits(cachedDate, 5, date.getMonthValue(), 2);
            cachedDate[7] = '-';
            digits(cachedDate, 8, date.getDayOfMonth(), 2);
            cachedDay = day;
        }
        ensure(27);
        System.arraycopy(cachedDate, 0, bytes, size, 10);
        size += 10;
        bytes[size++] = 'T';
        digits(bytes, size, secondOfDay / 3600, 2);
        bytes[size + 2] = ':';
        digits(bytes, size + 3, secondOfDay / 60 % 60, 2);
        bytes[size + 5] = ':';
        digits(bytes, size + 6, secondOfDay % 60, 2);
        bytes[size + 8] = '.';
        digits(bytes, size + 9, fraction, 6);
        bytes[size + 15] = 'Z';
        size += 16;
    }

    private static void digits(byte[] into, int at, int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            into[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
