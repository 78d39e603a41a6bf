package io.tollgate.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionScreenTest {

    private final ExpressionScreen screen = new ExpressionScreen();

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"orQueries\":[{\"assigneeExpression\":\"${'engin'.concat('eer')}\"}]}",
            "{\"orQueries\":[]}",
            "{\"ORQUERIES\":[]}",
            "{\"assigneeExpression\":\"x\"}",
            "{\"candidateGroupsEXPRESSION\":[\"x\"]}",
            "{\"processVariables\":[{\"name\":\"x\",\"operator\":\"eq\",\"value\":\"${1}\"}]}",
            "{\"a\":{\"b\":{\"c\":[[\"#{1}\"]]}}}",
            "{\"${x}\":1}",
            "{\"a\":1,\"a\":2}",
            "{\"a\":",
            "not json"})
    void refusesExpressionsAndNonJsonBodies(String body) {
        assertThat(screen.inJson(json(body))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"processInstanceId\":\"abc\",\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}",
            "{\"processVariables\":[{\"name\":\"amount\",\"operator\":\"gt\",\"value\":5}]}",
            "{\"nameLike\":\"%$ {not one}%\"}"})
    void letsPlainQueriesThrough(String body) {
        assertThat(screen.inJson(json(body))).isEmpty();
    }

    @Test
    void namesWhereTheExpressionIs() {
        assertThat(screen.inJson(json("{\"orQueries\":[{\"assigneeExpression\":\"x\"}]}")))
                .anySatisfy(p -> assertThat(p).contains("orQueries"))
                .anySatisfy(p -> assertThat(p).contains("assigneeExpression").contains("/orQueries/0/assigneeExpression"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "assigneeExpression=%24%7BcurrentUser()%7D",
            "candidateGroupsExpression=x",
            "dueDateEXPRESSION",
            "orQueries=x",
            "assignee=%24%7Bx%7D",
            "assignee=%23%7Bx%7D",
            "a=1&%24%7Bx%7D=2",
            "assignee=%zz"})
    void refusesExpressionsInQueryStrings(String query) {
        assertThat(screen.inQueryString(query)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "maxResults=0", "processInstanceId=abc&sortBy=created&sortOrder=desc", "nameLike=%25x%25"})
    void letsPlainQueryStringsThrough(String query) {
        assertThat(screen.inQueryString(query)).isEmpty();
    }

    @Test
    void noQueryStringIsFine() {
        assertThat(screen.inQueryString(null)).isEmpty();
    }
}
