package io.tollgate.ui.schema;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.schema.InstanceSchemas;
import io.tollgate.engine.schema.TableList;
import io.tollgate.engine.schema.TargetUnreachableException;
import io.tollgate.integrations.mysql.MysqlSchema;

/**
 * The self-check's "Tables" button: a dialog listing the tables of the chosen instance and database; picking one shows
 * its columns (type, null, default, key, comment) and indexes (unique, key parts in order with prefix lengths), read
 * through the review's read-only session. Nothing in it can change the target.
 */
public class TablePanel extends Button {

    final Dialog dialog = new Dialog();
    final ComboBox<MysqlSchema.TableEntry> tables = new ComboBox<>("Table");
    final Span note = new Span();
    final Grid<MysqlSchema.Column> columns = new Grid<>();
    final Grid<MysqlSchema.Index> indexes = new Grid<>();

    private final transient InstanceSchemas schemas;
    private final String actor;
    private final transient Supplier<String> instance;
    private final transient Supplier<String> database;

    /** {@code instance} and {@code database} say what the form has chosen when the button is pressed. */
    public TablePanel(InstanceSchemas schemas, String actor, Supplier<String> instance, Supplier<String> database) {
        super("Tables…");
        this.schemas = schemas;
        this.actor = actor;
        this.instance = instance;
        this.database = database;
        setId("schema-tables");
        addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        addClickListener(e -> open());

        dialog.setId("schema-dialog");
        dialog.setWidth("min(72em, 96vw)");
        dialog.setCloseOnEsc(true);
        tables.setId("schema-table");
        tables.setItemLabelGenerator(t -> t.name() + ("VIEW".equals(t.type()) ? " (view)" : ""));
        tables.setWidth("min(30em, 90vw)");
        tables.addValueChangeListener(e -> describe(e.getValue()));
        note.setId("schema-note");

        columns.setId("schema-columns");
        columns.addColumn(MysqlSchema.Column::name).setHeader("Column").setAutoWidth(true);
        columns.addColumn(MysqlSchema.Column::type).setHeader("Type").setAutoWidth(true);
        columns.addColumn(c -> c.nullable() ? "yes" : "no").setHeader("Null").setAutoWidth(true).setFlexGrow(0);
        columns.addColumn(c -> c.defaultValue() == null ? "" : c.defaultValue()).setHeader("Default").setAutoWidth(true);
        columns.addColumn(c -> c.key() == null ? "" : c.key()).setHeader("Key").setAutoWidth(true).setFlexGrow(0);
        columns.addColumn(c -> c.extra() == null ? "" : c.extra()).setHeader("Extra").setAutoWidth(true);
        columns.addColumn(c -> c.comment() == null ? "" : c.comment()).setHeader("Comment").setFlexGrow(1);
        columns.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        columns.setAllRowsVisible(true);

        indexes.setId("schema-indexes");
        indexes.addColumn(MysqlSchema.Index::name).setHeader("Index").setAutoWidth(true);
        indexes.addColumn(i -> i.unique() ? "unique" : "").setHeader("Unique").setAutoWidth(true).setFlexGrow(0);
        indexes.addColumn(MysqlSchema.Index::type).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
        indexes.addColumn(i -> keyParts(i.parts())).setHeader("Columns, in order").setFlexGrow(1);
        indexes.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        indexes.setAllRowsVisible(true);

        Button close = new Button("Close", e -> dialog.close());
        close.setId("schema-close");
        dialog.add(new VerticalLayout(tables, note, new H4("Columns"), columns, new H4("Indexes"), indexes));
        dialog.getFooter().add(close);
    }

    /** "author, title(20)": the key parts in order, a prefix index with its length. */
    static String keyParts(List<MysqlSchema.KeyPart> parts) {
        return parts.stream().map(p -> p.prefixLength() == null ? p.column() : p.column() + "(" + p.prefixLength() + ")")
                .collect(Collectors.joining(", "));
    }

    void open() {
        String inst = instance.get();
        String db = database.get();
        tables.setItems(List.<MysqlSchema.TableEntry>of());
        columns.setItems(List.of());
        indexes.setItems(List.of());
        if (inst == null || inst.isBlank() || db == null || db.isBlank()) {
            dialog.setHeaderTitle("Tables");
            note.setText("Pick an instance and a database first.");
        } else {
            dialog.setHeaderTitle("Tables of " + db + " on " + inst + " (read-only)");
            try {
                TableList list = schemas.tables(actor, inst, db);
                tables.setItems(list.tables());
                note.setText(list.truncated() ? list.note() : list.tables().isEmpty() ? "The database has no tables."
                        : list.tables().size() + " tables and views: pick one to see its columns and indexes.");
            } catch (TargetUnreachableException | NotFoundException | PermissionDeniedException
                     | InvalidRequestException e) {
                note.setText(e.getMessage());
            }
        }
        dialog.open();
    }

    private void describe(MysqlSchema.TableEntry entry) {
        if (entry == null) {
            columns.setItems(List.of());
            indexes.setItems(List.of());
            return;
        }
        try {
            MysqlSchema.Table table = schemas.table(actor, instance.get(), database.get(), entry.name());
            columns.setItems(table.columns());
            indexes.setItems(table.indexes());
            note.setText(table.name() + (table.engine() == null ? "" : " · " + table.engine()) + " · about "
                    + table.approximateRows() + " rows" + (table.comment() == null || table.comment().isBlank() ? ""
                    : " · " + table.comment()));
        } catch (TargetUnreachableException | NotFoundException | PermissionDeniedException
                 | InvalidRequestException e) {
            columns.setItems(List.of());
            indexes.setItems(List.of());
            note.setText(e.getMessage());
        }
    }
}
