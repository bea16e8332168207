package dev.sluice.format;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: an unquoted empty field reads as null, a quoted one as "". */
final class Rfc4180 {

    private Rfc4180() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            String field;
            if (text.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    char ch = text.charAt(i);
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        value.append('"');
                        i += 2;
                    } else if (ch == '"') {
                        i++;
                        break;
                    } else {
                        value.append(ch);
                        i++;
                    }
                }
                field = value.toString();
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\r') {
                    if (text.charAt(end) == '"' || text.charAt(end) == '\n') {
                        throw new IllegalArgumentException("unquoted field holds a quote or bare LF at " + end);
                    }
                    end++;
                }
                field = end == i ? null : text.substring(i, end);
                i = end;
            }
            record.add(field);
            if (text.startsWith(",", i)) {
                i++;
            } else if (text.startsWith("\r\n", i)) {
                i += 2;
                records.add(record);
                record = new ArrayList<>();
            } else {
                throw new IllegalArgumentException("expected , or CRLF at " + i);
            }
        }
        if (!record.isEmpty()) {
            throw new IllegalArgumentException("last record does not end with CRLF");
        }
        return records;
    }
}
