package io.tollgate.ui.schema;

import java.util.List;

import com.vaadin.flow.component.combobox.ComboBox;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.schema.DatabaseList;
import io.tollgate.engine.schema.InstanceSchemas;
import io.tollgate.engine.schema.TargetUnreachableException;

/**
 * The database field of the ticket and self-check forms: offers the databases of the chosen instance (read-only, system
 * schemas left out) and still takes a typed name, so that a form works when the instance cannot be read; the helper
 * text then says why the list is missing.
 */
public class DatabasePicker extends ComboBox<String> {

    static final String PICK_INSTANCE = "Pick an instance to see its databases, or type a name.";

    private final transient InstanceSchemas schemas;
    private final String actor;

    public DatabasePicker(String label, InstanceSchemas schemas, String actor) {
        super(label);
        this.schemas = schemas;
        this.actor = actor;
        setItems(List.of());
        setAllowCustomValue(true);
        setClearButtonVisible(true);
        addCustomValueSetListener(e -> setValue(e.getDetail() == null ? null : e.getDetail().strip()));
        setHelperText(PICK_INSTANCE);
    }

    /** Offers the databases of {@code instance} (none for null); what was typed or picked before stays. */
    public void showDatabasesOf(InstanceView instance) {
        String kept = getValue();
        if (instance == null) {
            setItems(List.of());
            setHelperText(PICK_INSTANCE);
        } else {
            try {
                DatabaseList list = schemas.databases(actor, instance.name());
                setItems(list.databases());
                setHelperText(list.truncated() ? list.note() + "; type any other name."
                        : list.databases().isEmpty() ? "The instance's account sees no databases; type a name."
                        : null);
            } catch (TargetUnreachableException | NotFoundException | PermissionDeniedException e) {
                setItems(List.of());
                setHelperText("Databases could not be listed (" + e.getMessage() + "); type the database's name.");
            }
        }
        if (kept != null && !kept.isEmpty()) {
            setValue(kept);
        }
    }

    /** What was picked or typed, stripped; "" when nothing. */
    public String name() {
        return getValue() == null ? "" : getValue().strip();
    }
}
