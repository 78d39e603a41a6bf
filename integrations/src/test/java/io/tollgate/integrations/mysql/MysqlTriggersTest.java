package io.tollgate.integrations.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.integrations.mysql.MysqlTriggers.Event;
import io.tollgate.integrations.mysql.MysqlTriggers.Trigger;
import io.tollgate.integrations.mysql.MysqlTriggers.Writes;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What a trigger's body writes beyond its row, read from the body as the server stores it (ADR 0039). */
class MysqlTriggersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            SET NEW.v = UPPER(NEW.v)                                                                  | THE_ROW_ONLY
            BEGIN IF NEW.qty < 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no DELETE'; END IF; END | THE_ROW_ONLY
            BEGIN SET NEW.v = REPLACE(NEW.v, 'a', 'b'); SET NEW.s = INSERT(NEW.s, 1, 2, 'x'); END     | THE_ROW_ONLY
            BEGIN DECLARE n INT; SELECT COUNT(*) INTO n FROM stock WHERE id = NEW.item FOR UPDATE; END | THE_ROW_ONLY
            BEGIN SET NEW.note = 'update'; /* DELETE FROM x */ SET NEW.`delete` = 1; END              | THE_ROW_ONLY
            INSERT INTO audit (id, what) VALUES (OLD.id, 'deleted')                                   | INSERTS_ELSEWHERE
            BEGIN INSERT IGNORE INTO audit VALUES (NEW.id); SET NEW.seen = 1; END                     | INSERTS_ELSEWHERE
            BEGIN INSERT INTO counts VALUES (NEW.id, 1) ON DUPLICATE KEY UPDATE n = n + 1; END        | CHANGES_OTHER_ROWS
            UPDATE stock SET qty = qty - NEW.qty WHERE id = NEW.item                                  | CHANGES_OTHER_ROWS
            BEGIN IF OLD.kind = 'a' THEN DELETE FROM child WHERE parent = OLD.id; END IF; END         | CHANGES_OTHER_ROWS
            REPLACE INTO mirror VALUES (NEW.id, NEW.v)                                                | CHANGES_OTHER_ROWS
            call archive(OLD.id)                                                                      | CHANGES_OTHER_ROWS
            BEGIN SET NEW.v = 'unterminated; END                                                      | CHANGES_OTHER_ROWS
            """)
    void classifiesWhatTheBodyWrites(String body, Writes expected) {
        assertThat(new Trigger("t", "AFTER", Event.INSERT, body).writes()).isEqualTo(expected);
    }

    @Test
    void describesTheTriggerByItsFirstChangingStatement() {
        Trigger t = new Trigger("trg_order", "AFTER", Event.DELETE,
                "BEGIN INSERT INTO audit VALUES (OLD.id); DELETE FROM item WHERE order_id = OLD.id; END");

        assertThat(t.writes()).isEqualTo(Writes.CHANGES_OTHER_ROWS);
        assertThat(t.describe()).isEqualTo("trigger `trg_order` (AFTER DELETE), which deletes rows of other tables");
    }

    @Test
    void findsTheFunctionsABodyCalls() {
        assertThat(MysqlTriggers.functionCalls("BEGIN SET NEW.v = UPPER(stamp(NEW.v)); SET NEW.w = `shop`.`f`(1);"
                + " SET NEW.n = OLD.n; SET @x = 'g(1)'; END"))
                .containsExactly(new MysqlRoutines.Call(null, "UPPER"), new MysqlRoutines.Call(null, "stamp"),
                        new MysqlRoutines.Call("shop", "f"));
    }

    @Test
    void aTriggerCallingAStoredFunctionChangesOtherRows() {
        Trigger t = new Trigger("t_stamp", "BEFORE", Event.INSERT, "SET NEW.v = stamp(NEW.v)", "stamp");

        assertThat(t.writes()).isEqualTo(Writes.CHANGES_OTHER_ROWS);
        assertThat(t.describe()).isEqualTo("trigger `t_stamp` (BEFORE INSERT), which calls the stored function"
                + " stamp(), which may change any row");
    }

    @Test
    void onlyTheEventsTriggerCounts() {
        Trigger onDelete = new Trigger("d", "AFTER", Event.DELETE, "DELETE FROM item WHERE order_id = OLD.id");
        Trigger onInsert = new Trigger("i", "AFTER", Event.INSERT, "INSERT INTO audit VALUES (NEW.id)");

        assertThat(MysqlTriggers.changingOtherRows(List.of(onInsert, onDelete), Event.INSERT)).isEmpty();
        assertThat(MysqlTriggers.changingOtherRows(List.of(onInsert, onDelete), Event.DELETE)).contains(onDelete);
        assertThat(Event.INSERT.inverse()).isEqualTo(Event.DELETE);
        assertThat(Event.UPDATE.inverse()).isEqualTo(Event.UPDATE);
    }

    @Test
    void aTriggerWhoseBodyTheAccountCannotReadChangesOtherRows() {
        // MariaDB lists the triggers of a table to an account without the TRIGGER privilege, with no body
        Trigger hidden = new Trigger("parent_cleanup", "AFTER", Event.DELETE, null);

        assertThat(hidden.writes()).isEqualTo(Writes.CHANGES_OTHER_ROWS);
        assertThat(hidden.describe()).startsWith("trigger `parent_cleanup` (AFTER DELETE), which Tollgate cannot read:"
                + " the instance's account lacks the TRIGGER privilege on the table");
        assertThat(MysqlTriggers.functionCalls(null)).isEmpty();
    }

    @Test
    void triggersMysqlHidesCountForEveryEvent() {
        Trigger unseen = Trigger.unseen(Event.UPDATE);

        assertThat(unseen.writes()).isEqualTo(Writes.CHANGES_OTHER_ROWS);
        assertThat(unseen.describe()).startsWith("any UPDATE trigger the table has, which Tollgate cannot see:")
                .contains("grant the account TRIGGER");
        assertThat(MysqlTriggers.changingOtherRows(List.of(unseen), Event.UPDATE)).contains(unseen);
        assertThat(MysqlTriggers.changingOtherRows(List.of(unseen), Event.DELETE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GRANT ALL PRIVILEGES ON *.* TO `ops`@`%`                                           | true
            GRANT SELECT, INSERT, UPDATE, DELETE, TRIGGER ON *.* TO `ops`@`%`                  | true
            GRANT SELECT, INSERT, UPDATE, DELETE ON *.* TO `ops`@`%`                           | false
            GRANT SELECT, INSERT, UPDATE, DELETE, TRIGGER ON `shop`.* TO `ops`@`%`             | true
            GRANT TRIGGER ON `shop`.`orders` TO `ops`@`%`                                      | true
            GRANT TRIGGER ON `shop`.`items` TO `ops`@`%`                                       | false
            GRANT TRIGGER ON `shops`.* TO `ops`@`%`                                            | false
            GRANT ALL PRIVILEGES ON `sho%`.* TO `ops`@`%`                                        | true
            GRANT ALL PRIVILEGES ON `s_op`.* TO `ops`@`%`                                      | true
            GRANT ALL PRIVILEGES ON `sh\\_op`.* TO `ops`@`%`                                    | false
            GRANT SELECT (id), UPDATE (qty) ON `shop`.`orders` TO `ops`@`%`                    | false
            GRANT USAGE ON *.* TO `ops`@`%` IDENTIFIED BY PASSWORD '*D821809F'                 | false
            GRANT `trigger_role`@`%` TO `ops`@`%`                                              | false
            GRANT EXECUTE ON PROCEDURE `shop`.`archive` TO `ops`@`%`                           | false
            """)
    void readsWhetherTheGrantsGiveTriggerOnTheTable(String grant, boolean expected) {
        assertThat(MysqlTriggers.grantsTrigger(List.of(grant), "shop", "orders")).isEqualTo(expected);
    }
}
