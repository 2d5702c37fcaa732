package dev.sessiondesk.app.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time stamps sources write: Unix seconds or milliseconds (numbers or digit strings), fractional
 * seconds (ChatGPT), RFC 3339 text (Goose exports) and SQLite's {@code CURRENT_TIMESTAMP} text
 * ("2024-01-01 12:00:00", UTC). All become Unix milliseconds; unreadable ones become null.
 */
public final class Timestamps {
    /** Anything above this many "seconds" is already milliseconds (year 2286 in seconds). */
    private static final long MILLIS_THRESHOLD = 10_000_000_000L;
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private Timestamps() {
    }

    public static Long millis(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            return fromNumber(node.decimalValue());
        }
        return node.isTextual() ? millis(node.textValue()) : null;
    }

    public static Long millis(Object sqlValue) {
        if (sqlValue == null) {
            return null;
        }
        if (sqlValue instanceof Number n) {
            return fromNumber(new BigDecimal(n.toString()));
        }
        return millis(sqlValue.toString());
    }

    public static Long millis(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        if (t.matches("\\d+(\\.\\d+)?")) {
            return fromNumber(new BigDecimal(t));
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli();
        } catch (DateTimeParseException notRfc3339) {
            try {
                return Instant.parse(t).toEpochMilli();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(t, SQLITE).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException notSqlite) {
                    return null;
                }
            }
        }
    }

    private static Long fromNumber(BigDecimal value) {
        if (value.signum() < 0) {
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(MILLIS_THRESHOLD)) > 0) {
            return value.longValue();
        }
        return value.movePointRight(3).longValue();
    }
}
