package io.tollgate.ui.review;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.RuleSettings;
import io.tollgate.engine.review.RuleSettings.RuleLevelChange;
import io.tollgate.engine.review.RuleSettings.RuleSetting;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** Admins set each review rule's level per environment; every change is recorded with who, when and from what. */
@Route(value = "admin/review-rules", layout = MainLayout.class)
@PageTitle("Review rules · Tollgate")
@RolesAllowed(Role.Names.ADMIN)
public class ReviewRulesView extends VerticalLayout {

    final Grid<RuleSetting> rules = new Grid<>(RuleSetting.class, false);
    final Grid<RuleLevelChange> changes = new Grid<>(RuleLevelChange.class, false);
    final TextField filter = new TextField();

    private final RuleSettings settings;
    private final CurrentUser currentUser;
    private List<RuleSetting> all = List.of();

    public ReviewRulesView(RuleSettings settings, CurrentUser currentUser) {
        this.settings = settings;
        this.currentUser = currentUser;
        setSizeFull();

        filter.setPlaceholder("Filter by id, category or text");
        filter.setValueChangeMode(ValueChangeMode.LAZY);
        filter.addValueChangeListener(e -> applyFilter());
        filter.setWidth("24em");

        rules.setId("rules");
        rules.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        rules.addColumn(RuleSetting::id).setHeader("Rule").setAutoWidth(true).setFrozen(true);
        rules.addColumn(RuleSetting::category).setHeader("Category").setAutoWidth(true);
        rules.addColumn(RuleSetting::defaultLevel).setHeader("Default").setAutoWidth(true);
        for (Environment env : Environment.values()) {
            rules.addComponentColumn(rule -> levelSelect(rule, env)).setHeader(env.name()).setAutoWidth(true);
        }
        rules.addColumn(RuleSetting::description).setHeader("What it checks").setFlexGrow(1);
        rules.setHeight("60%");

        changes.setId("rule-changes");
        changes.addColumn(RuleLevelChange::changedAt).setHeader("When").setAutoWidth(true);
        changes.addColumn(RuleLevelChange::changedBy).setHeader("Who").setAutoWidth(true);
        changes.addColumn(RuleLevelChange::ruleId).setHeader("Rule").setAutoWidth(true);
        changes.addColumn(RuleLevelChange::environment).setHeader("Environment").setAutoWidth(true);
        changes.addColumn(c -> c.oldLevel() + " → " + c.newLevel()).setHeader("Change").setAutoWidth(true);

        add(new H2("Review rules"), filter, rules, new H3("Changes"), changes);
        refresh();
    }

    private Select<RuleLevel> levelSelect(RuleSetting rule, Environment env) {
        Select<RuleLevel> select = new Select<>();
        select.setItems(RuleLevel.values());
        select.setValue(rule.levels().get(env));
        select.setId("level-" + rule.id() + "-" + env.name().toLowerCase(Locale.ROOT));
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && e.getValue() != e.getOldValue()) {
                change(rule.id(), env, e.getValue());
            }
        });
        return select;
    }

    void change(String ruleId, Environment env, RuleLevel level) {
        try {
            settings.changeLevel(ruleId, env, level, currentUser.username());
            Notification.show(ruleId + " in " + env + " is now " + level);
        } catch (IllegalArgumentException refused) {
            Notification.show("Not changed: " + refused.getMessage());
        }
        refresh();
    }

    private void refresh() {
        all = settings.rules();
        applyFilter();
        changes.setItems(settings.changes(null));
    }

    private void applyFilter() {
        String q = filter.getValue() == null ? "" : filter.getValue().strip().toLowerCase(Locale.ROOT);
        rules.setItems(q.isEmpty() ? all : all.stream().filter(r -> (r.id() + " " + r.category() + " " + r.description())
                .toLowerCase(Locale.ROOT).contains(q)).toList());
    }
}
