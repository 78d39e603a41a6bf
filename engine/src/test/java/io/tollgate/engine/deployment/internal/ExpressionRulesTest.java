package io.tollgate.engine.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import io.tollgate.processes.ticket.SqlTicketProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an expression may do: read and combine variables; Tollgate's beans only as whole delegate expressions. */
class ExpressionRulesTest {

    private static final String BEAN = "dataSource";
    private final ExpressionRules rules = new ExpressionRules(name -> TollgateCode.BEANS.containsKey(name)
            || BEAN.equals(name));

    @ParameterizedTest
    @ValueSource(strings = {
        "${approved}", "${!approved}", "#{approved}", "${executionMode == 'AFTER_APPROVAL'}", "${resolution == 'retry'}",
        "${a.b}", "${a.b.c}", "${empty comment}", "${not a and b or c}", "${rows > 100000 ? 'dba' : reviewerGroup}",
        "${(a + 1) * 2 - b / 3 % 4}", "${-a}", "${a eq b ne c lt d gt e le f ge g}", "${null}", "${true}",
        "R3/${retryDelay}", "dba, ${reviewerGroup}", "${authenticatedUserId}",
        "${x == 'a,b'}", "plain text", "${submitter}"})
    void readingAndCombiningVariablesIsFine(String expression) {
        assertThat(rules.check(expression, false).problems()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "${''.getClass().forName('java.lang.System')}   | calls a method",
        "${a.b()}                                       | calls a method",
        "${a.b(1, 2)}                                   | calls a method",
        "${now()}                                       | calls a function",
        "${fn:upper(a)}                                 | calls a function",
        "${a['class']}                                  | indexes with [...]",
        "${a[b]}                                        | indexes with [...]",
        "${a.class}                                     | reads the property 'class'",
        "${a.b.classLoader}                             | reads the property 'classLoader'",
        "${''.bytes}                                    | reads a property of something that is not a variable",
        "${(a).b}                                       | reads a property of something that is not a variable",
        "${execution.processEngine}                     | reads a property of the engine's own object 'execution'",
        "${task}                                        | reaches the engine's own object 'task'",
        "${dataSource.connection}                       | reads a property of the bean 'dataSource'",
        "${dataSource}                                  | names the bean 'dataSource'",
        "${executeTicketDelegate}                       | names the bean 'executeTicketDelegate'",
        "${executeTicketDelegate.delegate}              | reads a property of the bean 'executeTicketDelegate'",
        "${a.}                                          | does not parse",
        "dba, ${a.b()}                                  | calls a method"})
    void everythingElseIsRefused(String expression, String problem) {
        assertThat(rules.check(expression.strip(), false).problems()).anySatisfy(p -> assertThat(p).contains(problem));
    }

    @Test
    void camundasListSplittingCannotSmuggleACallPastTheWholeValue() {
        String smuggled = "${'}' == 'x,${a.b()}'}";

        assertThat(ExpressionRules.camundaListPieces(smuggled)).contains("${a.b()}'}");
        assertThat(rules.check(smuggled, false).problems()).anySatisfy(p -> assertThat(p).contains("calls a method"));
    }

    @Test
    void aDelegateExpressionNamesOneDelegateOrListenerBean() {
        String execute = TollgateCode.expressionOf(SqlTicketProcess.Beans.EXECUTE_TICKET);

        assertThat(rules.check(execute, true)).satisfies(verdict -> {
            assertThat(verdict.problems()).isEmpty();
            assertThat(verdict.beans()).isEqualTo(Set.of(SqlTicketProcess.Beans.EXECUTE_TICKET));
        });
        assertThat(rules.check("${noOpTicketStepDelegate}", true).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${dataSource}", "${executeTicketDelegate.delegate}", "${a ? executeTicketDelegate : b}",
        " ${executeTicketDelegate}", "${executeTicketDelegate}${recordApprovalListener}", "${execution}",
        "${x.getDelegate()}"})
    void aDelegateExpressionIsNothingElse(String expression) {
        assertThat(rules.check(expression, true).problems()).singleElement()
                .satisfies(p -> assertThat(p).contains("must name one bean and nothing else"));
    }
}
