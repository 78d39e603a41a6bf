package io.tollgate.engine.label;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.discussion.DiscussionEvent;
import io.tollgate.engine.goinception.ReviewBackend;
import io.tollgate.engine.outbox.DeliveryStatus;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.RuleCategory;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.servicetree.ChangeEventType;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.ticket.CopyPause;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.servicetree.Level;

/**
 * Human words for the values Tollgate shows, in English (the default) and Chinese, from the bundle
 * {@code labels/labels[_zh].properties}: enum constants under {@code <Type>.<CONSTANT>} (nested types as
 * {@code TicketEvent.Type.SUBMITTED}), statement kinds under {@code statement.<KIND>} and service-tree change kinds
 * under {@code treeChange.<kind>}. Pages and mails ask here instead of printing {@code name()}; a test keeps every
 * constant of {@link #ENUMS} mapped in both languages.
 */
public final class Labels {

    static final String BUNDLE = "labels.labels";
    /** The enums people see, each of whose constants has a label in every language. */
    public static final List<Class<? extends Enum<?>>> ENUMS = List.of(TicketStatus.class, ExecutionMode.class,
            RiskLevel.class, Environment.class, Reversibility.class, RuleLevel.class, RuleCategory.class,
            RowEstimate.Kind.class, TicketEvent.Type.class, TicketTask.Kind.class, FailureResolution.class,
            ChangeStatus.class, ChangeEventType.class, PendingApproval.Step.class, Role.class, AccountSource.class,
            DeliveryStatus.class, StatementOutcome.Status.class, Level.class, DiscussionEvent.class,
            ReviewBackend.class, CopyPause.class);
    /** The statement kinds the review names (anything else is worded from its name). */
    public static final List<String> STATEMENT_KINDS = List.of("CREATE_TABLE", "ALTER_TABLE", "DROP_TABLE",
            "TRUNCATE", "CREATE_INDEX", "DROP_INDEX", "RENAME_TABLE", "CREATE_DATABASE", "DROP_DATABASE",
            "CREATE_VIEW", "DROP_VIEW", "INSERT", "REPLACE", "UPDATE", "DELETE", "SELECT", "USE", "CREATE_ROUTINE",
            "UNPARSABLE");
    /** The kinds of service-tree change, as written in a change's JSON. */
    public static final List<String> TREE_CHANGE_KINDS = List.of("create", "rename", "move", "delete", "bindServers",
            "unbindServers", "setTrafficRatios", "setOwners", "setAttributes");
    /** The languages there are labels for; any other reads English. */
    public static final List<String> LANGUAGES = List.of("en", "zh");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private Labels(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /** English labels, as the pages show them. */
    public static Labels english() {
        return in("en");
    }

    /** Labels in {@code language} ({@code zh}, {@code zh-CN}…); English for any language without labels. */
    public static Labels in(String language) {
        String primary = language == null ? "en" : Locale.forLanguageTag(language.replace('_', '-')).getLanguage();
        Locale locale = "zh".equals(primary) ? Locale.forLanguageTag("zh") : Locale.ROOT;
        try {
            return new Labels(ResourceBundle.getBundle(BUNDLE, locale, NO_FALLBACK));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("Labels " + BUNDLE + " are missing from the classpath", e);
        }
    }

    /**
     * Labels in whatever language {@code language} names at the moment of each lookup (a page's person's locale, say),
     * so that one long-lived {@code Labels} serves people of different languages; English for any other language.
     */
    public static Labels following(java.util.function.Supplier<String> language) {
        return new Labels(new FollowingBundle(language));
    }

    /** A bundle that answers from the bundle of the language its supplier names now. */
    private static final class FollowingBundle extends ResourceBundle {

        private final java.util.function.Supplier<String> language;

        FollowingBundle(java.util.function.Supplier<String> language) {
            this.language = language;
        }

        private ResourceBundle now() {
            return in(language.get()).bundle;
        }

        @Override
        protected Object handleGetObject(String key) {
            ResourceBundle now = now();
            return now.containsKey(key) ? now.getObject(key) : null;
        }

        @Override
        protected java.util.Set<String> handleKeySet() {
            return now().keySet();
        }

        @Override
        public java.util.Enumeration<String> getKeys() {
            return now().getKeys();
        }
    }

    /** The label of a constant, e.g. {@code AWAITING_APPROVAL} → "Awaiting approval"; "" for null. */
    public String of(Enum<?> value) {
        return value == null ? "" : text(key(value));
    }

    /**
     * The label of a constant given by name, e.g. a risk held as text ({@code "MODERATE"} → "Moderate"); an unknown
     * name is worded from itself, never shown raw.
     */
    public <E extends Enum<E>> String of(Class<E> type, String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(name)) {
                return of(constant);
            }
        }
        return words(name);
    }

    /** A statement kind of the review, e.g. {@code ALTER_TABLE} → "Alter table". */
    public String statementKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return "";
        }
        String key = "statement." + kind;
        return bundle.containsKey(key) ? bundle.getString(key) : words(kind);
    }

    /** A service-tree change kind, e.g. {@code setTrafficRatios} → "Set traffic ratios". */
    public String treeChangeKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return "";
        }
        String key = "treeChange." + kind;
        return bundle.containsKey(key) ? bundle.getString(key) : words(kind);
    }

    /** "1 statement", "3 statements" (and the Chinese, which has no plural). */
    public String count(long n, String noun) {
        String key = "count." + noun + (n == 1 ? ".one" : ".other");
        return bundle.containsKey(key) ? bundle.getString(key).replace("{n}", Long.toString(n)) : n + " " + noun;
    }

    /** The bundle key of a constant: its type's name inside its package, then the constant. */
    static String key(Enum<?> value) {
        Class<?> type = value.getDeclaringClass();
        String name = type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
        return name + "." + value.name();
    }

    boolean has(String key) {
        return bundle.containsKey(key);
    }

    private String text(String key) {
        return bundle.containsKey(key) ? bundle.getString(key) : words(key.substring(key.lastIndexOf('.') + 1));
    }

    /** {@code SHOW_TABLES} or {@code bindServers} → "Show tables" / "Bind servers": never a raw name. */
    static String words(String name) {
        String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').strip()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
