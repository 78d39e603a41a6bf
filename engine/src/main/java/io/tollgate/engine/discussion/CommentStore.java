package io.tollgate.engine.discussion;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** The table {@code discussion_comment}: rows are appended, never updated or deleted. */
@Component
class CommentStore {

    private final JdbcTemplate jdbc;

    CommentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Comment add(String subjectType, String subjectId, String author, String text, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement insert = con.prepareStatement("INSERT INTO discussion_comment (subject_type,"
                    + " subject_id, author, body, created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
            insert.setString(1, subjectType);
            insert.setString(2, subjectId);
            insert.setString(3, author);
            insert.setString(4, text);
            insert.setTimestamp(5, Timestamp.from(at));
            return insert;
        }, keys);
        return new Comment(id(keys), author, text, at);
    }

    /** The newest {@code limit} comments on the subject, oldest first. */
    List<Comment> newest(String subjectType, String subjectId, int limit) {
        List<Comment> newestFirst = new ArrayList<>(jdbc.query("SELECT id, author, body, created_at"
                        + " FROM discussion_comment WHERE subject_type = ? AND subject_id = ? ORDER BY id DESC LIMIT ?",
                (rs, n) -> new Comment(rs.getLong("id"), rs.getString("author"), rs.getString("body"),
                        rs.getTimestamp("created_at").toInstant()), subjectType, subjectId, limit));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    /** Everyone who has commented on the subject. */
    Set<String> authors(String subjectType, String subjectId) {
        return new LinkedHashSet<>(jdbc.queryForList("SELECT DISTINCT author FROM discussion_comment"
                + " WHERE subject_type = ? AND subject_id = ?", String.class, subjectType, subjectId));
    }

    /** The generated id, whatever case the driver names its column in (H2 says ID, MariaDB insert_id). */
    private static long id(GeneratedKeyHolder keys) {
        Map<String, Object> row = keys.getKeyList().get(0);
        Object id = row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("id")).map(Map.Entry::getValue)
                .findFirst().orElseGet(() -> row.values().iterator().next());
        return ((Number) id).longValue();
    }
}
