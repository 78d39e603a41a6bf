package io.tollgate.engine.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tollgate.engine.audit.internal.AuditSealer;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.audit.internal.AuditAnchors;
import io.tollgate.engine.audit.internal.AuditRows;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Exports a filtered view of the trail as CSV or JSON Lines, streamed from a database cursor (memory stays flat
 * however many entries), oldest first, with each entry's place and hashes so the receiver can re-walk the chain.
 * The first line says who exported what with which filters, and the chain's head then; the last lines are the daily
 * anchors of the days the range covers. Entries written after the export started are not in it. Each export is
 * itself an entry of the trail ({@code audit.exported}), recorded before the first byte goes out.
 */
@Component
public class AuditExport {

    /** The formats, with their file extension and media type. */
    public enum Format {
        CSV("csv", "text/csv"), JSONL("jsonl", "application/x-ndjson");

        public final String extension;
        public final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public static Format of(String value) {
            for (Format f : values()) {
                if (f.extension.equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return f;
                }
            }
            throw new InvalidRequestException("format", "format must be csv or jsonl, not '" + value + "'");
        }
    }

    static final List<String> COLUMNS = List.of("id", "occurred_at", "actor", "actor_roles", "source_address", "kind",
            "subject_type", "subject_id", "instance", "database", "environment", "outcome", "summary", "payload",
            "seq", "prev_hash", "entry_hash");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The CSV's comment lines: JSON whose values carry no comma or semicolon as such (escaped, {@code \\u002c}), so
     * that a spreadsheet splitting the line into cells splits it only at the JSON's own punctuation, and no cell
     * begins with what someone typed into a filter (a formula).
     */
    private static final ObjectMapper COMMENT_LINE_JSON = new ObjectMapper(
            new JsonFactory().setCharacterEscapes(new CommentLineEscapes()));

    private final JdbcTemplate jdbc;
    private final Permissions permissions;
    private final AuditTrail trail;
    private final AuditAnchors anchors;
    private final Clock clock;
    private final AuditSealer sealer;

    AuditExport(JdbcTemplate jdbc, Permissions permissions, AuditTrail trail, AuditAnchors anchors, Clock clock,
                AuditSealer sealer) {
        this.sealer = sealer;
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.trail = trail;
        this.anchors = anchors;
        this.clock = clock;
    }

    /** A file name for the export, e.g. {@code tollgate-audit-20261203T101500Z.csv}. */
    public String fileName(Format format) {
        return "tollgate-audit-" + clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                .replace("-", "").replace(":", "") + "." + format.extension;
    }

    /** Refuses a reader who may not read history (nor so export it). */
    public void requireReader(String reader) {
        permissions.require(reader, Permission.READ_HISTORY);
    }

    /**
     * Checks the reader may read history and records the export in the trail (with its filters), then returns what
     * writes it: call it with the response's stream. The entries are those there when this was called.
     */
    public Writing start(String reader, AuditFilter filter, Format format, String source) {
        requireReader(reader);
        // what was written up to now, sealed: every exported entry carries its place and hashes in the chain
        while (sealer.sealSome() == AuditSealer.BATCH) {
            // a backlog is sealed in batches
        }
        Long sealed = jdbc.queryForObject("SELECT MAX(id) FROM audit_entry WHERE entry_hash IS NOT NULL", Long.class);
        // an empty trail (nothing sealed yet) exports its header and no entry
        long upToId = sealed == null ? 0 : sealed;
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", format.extension);
        payload.put("filters", filter.described());
        payload.put("upToEntry", upToId);
        String described = filter.described().isEmpty() ? "the whole trail" : filter.described().toString();
        trail.record(new AuditEvent("audit.exported", reader, "audit", null, reader + " exported "
                + described + " as " + format.extension.toUpperCase(Locale.ROOT), payload), source);
        return out -> writeUnrecorded(reader, filter, format, upToId, out);
    }

    /** Writes the export prepared by {@link #start}. */
    @FunctionalInterface
    public interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /**
     * Writes without checking or recording: for the trail's own jobs only (the daily export to a folder, which the
     * system does and records itself once the file is in place).
     */
    public void writeUnrecorded(String exportedBy, AuditFilter filter, Format format, long upToId, OutputStream out)
            throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("record", "export");
        header.put("exportedBy", exportedBy);
        header.put("exportedAt", clock.instant().toString());
        header.put("filters", filter.described());
        header.put("upToEntry", upToId);
        AuditAnchor head = anchors.head();
        header.put("head", Map.of("seq", head.seq(), "hash", head.hash()));
        header.put("order", "oldest first");
        List<AuditAnchor> dayAnchors = anchors.endingWithin(filter.from(), filter.to());
        AuditSearch.Where where = AuditSearch.where(filter, null, upToId);
        String sql = "SELECT " + AuditRows.COLUMNS + " FROM audit_entry" + where.sql()
                + (where.sql().isBlank() ? " WHERE" : " AND") + " entry_hash IS NOT NULL ORDER BY id";
        if (format == Format.CSV) {
            writeCsv(writer, header, sql, where.args(), dayAnchors);
        } else {
            writeJsonLines(writer, header, sql, where.args(), dayAnchors);
        }
        writer.flush();
    }

    private void writeJsonLines(Writer writer, Map<String, Object> header, String sql, List<Object> args,
                                List<AuditAnchor> dayAnchors) throws IOException {
        ObjectMapper json = JSON.copy().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeValue(writer, header);
        writer.write('\n');
        stream(sql, args, row -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("record", "entry");
            for (int i = 0; i < COLUMNS.size(); i++) {
                line.put(COLUMNS.get(i), row[i]);
            }
            json.writeValue(writer, line);
            writer.write('\n');
        });
        for (AuditAnchor anchor : dayAnchors) {
            json.writeValue(writer, anchorRecord(anchor));
            writer.write('\n');
        }
    }

    private void writeCsv(Writer writer, Map<String, Object> header, String sql, List<Object> args,
                          List<AuditAnchor> dayAnchors) throws IOException {
        // comment lines (#) carry the header record and the anchors; CSV readers told about comments skip them
        writer.write("# " + COMMENT_LINE_JSON.writeValueAsString(header) + "\n");
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        CsvMapper csv = new CsvMapper();
        csv.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        try (SequenceWriter rows = csv.writer(schema.build()).writeValues(writer)) {
            stream(sql, args, row -> rows.write(spreadsheetSafe(row)));
            rows.flush();
        }
        for (AuditAnchor anchor : dayAnchors) {
            writer.write("# " + COMMENT_LINE_JSON.writeValueAsString(anchorRecord(anchor)) + "\n");
        }
    }

    /**
     * The row as a spreadsheet may open it safely (ADR 0018, amended): a cell a spreadsheet would take for a formula
     * ({@code = + - @}, or a tab or carriage return first) gets a leading {@code '}, and control characters (a
     * terminal's escape sequences) are written as a backslash, u and four hex digits. Anyone who signs in with a
     * made-up name writes an actor; the JSON Lines export keeps every value exactly, and the hashes are checked from it.
     */
    static Object[] spreadsheetSafe(Object[] row) {
        Object[] safe = row.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof String text && !text.isEmpty()) {
                StringBuilder cell = new StringBuilder(text.length() + 1);
                char first = text.charAt(0);
                if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                    cell.append('\'');
                }
                text.codePoints().forEach(c -> {
                    if (Character.getType(c) == Character.CONTROL) {
                        cell.append(String.format("\\u%04x", c));
                    } else {
                        cell.appendCodePoint(c);
                    }
                });
                safe[i] = cell.toString();
            }
        }
        return safe;
    }

    /** JSON's escapes, and commas and semicolons in strings as {@code \\u002c} and {@code \\u003b}. */
    private static final class CommentLineEscapes extends CharacterEscapes {

        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        CommentLineEscapes() {
            ascii[','] = CharacterEscapes.ESCAPE_STANDARD;
            ascii[';'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    private static Map<String, Object> anchorRecord(AuditAnchor anchor) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("record", "anchor");
        record.put("day", anchor.day().toString());
        record.put("seq", anchor.seq());
        record.put("hash", anchor.hash());
        return record;
    }

    private interface RowSink {
        void accept(Object[] row) throws IOException;
    }

    /** Reads the rows from a cursor, one at a time, in the export's column order. */
    private void stream(String sql, List<Object> args, RowSink sink) {
        jdbc.query(con -> {
            var ps = AuditSearch.streaming(con, sql);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, (RowCallbackHandler) rs -> {
            AuditEntry e = AuditRows.entry(rs);
            List<Object> row = new ArrayList<>(COLUMNS.size());
            row.add(e.id());
            row.add(e.occurredAt().toString());
            row.add(e.actor());
            row.add(e.actorRoles());
            row.add(e.sourceAddress());
            row.add(e.kind());
            row.add(e.subjectType());
            row.add(e.subjectId());
            row.add(e.instanceName());
            row.add(e.databaseName());
            row.add(e.environment());
            row.add(e.outcome());
            row.add(e.summary());
            row.add(e.payload());
            row.add(e.seq());
            row.add(e.prevHash());
            row.add(e.entryHash());
            try {
                sink.accept(row.toArray());
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        });
    }
}
