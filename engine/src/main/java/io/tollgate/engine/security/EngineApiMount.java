package io.tollgate.engine.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;

/**
 * One place where Camunda's REST API is served, and what it allows there. A path belongs to the mount when it starts
 * with {@code prefix}; {@code root} is the part in front of the resource path (it may name an engine), and the resource
 * path is then looked up among the mount's queries and deployment paths. Paths are matched as sent, not decoded: a path
 * written in an unusual way (percent-encoded letters, a trailing slash) is not on the list and so is a change.
 *
 * @param name           how refusals name the mount
 * @param prefix         the paths that belong to this mount start with it
 * @param root           a regular expression for what comes before the resource path
 * @param queries        resource path templates of the POST queries ({@code *} stands for one path segment)
 * @param deployments    resource path templates where a POST is a deployment (empty: deployments are changes here)
 * @param adminsChange   whether admins may make changes through this mount (Cockpit's actions)
 */
record EngineApiMount(String name, String prefix, Pattern root, List<Pattern> queries, List<Pattern> deployments,
                      boolean adminsChange) {

    /** The wildcard of a path template: exactly one path segment. */
    static final String ANY_SEGMENT = "*";
    private static final String SEGMENT_REGEX = "[^/]+";

    static EngineApiMount of(String name, String prefix, String rootRegex, List<String> queries,
                             List<String> deployments, boolean adminsChange) {
        return new EngineApiMount(name, prefix, Pattern.compile(rootRegex), templates(queries), templates(deployments),
                adminsChange);
    }

    boolean claims(String path) {
        return path.startsWith(prefix);
    }

    /** What the request does; {@code path} is the request's path below the context path, as sent. */
    EngineCall classify(String method, String path) {
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method)) {
            return EngineCall.READ;
        }
        if (!HttpMethod.POST.matches(method)) {
            return EngineCall.CHANGE;
        }
        Matcher rooted = root.matcher(path);
        if (!rooted.lookingAt()) {
            return EngineCall.CHANGE;
        }
        String resource = path.substring(rooted.end());
        if (matchesAny(queries, resource)) {
            return EngineCall.QUERY;
        }
        return matchesAny(deployments, resource) ? EngineCall.DEPLOYMENT : EngineCall.CHANGE;
    }

    private static boolean matchesAny(List<Pattern> templates, String resource) {
        return templates.stream().anyMatch(t -> t.matcher(resource).matches());
    }

    private static List<Pattern> templates(List<String> templates) {
        return templates.stream().map(EngineApiMount::template).toList();
    }

    private static Pattern template(String template) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.substring(1).split("/", -1)) {
            regex.append('/').append(ANY_SEGMENT.equals(segment) ? SEGMENT_REGEX : Pattern.quote(segment));
        }
        return Pattern.compile(regex.toString());
    }
}
