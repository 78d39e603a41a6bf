package io.tollgate.engine.review.internal.statement;

import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLAllColumnExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOpExpr;
import com.alibaba.druid.sql.ast.expr.SQLBinaryOperator;
import com.alibaba.druid.sql.ast.expr.SQLCharExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLWithSubqueryClause;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What one walk over a DML or query statement finds, shared by several rules. */
public final class QueryFacts {

    public boolean selectStar;
    public boolean orderByRand;
    public String leadingWildcard;
    public final List<SQLExprTableSource> tables = new ArrayList<>();
    public final Set<String> cteNames = new HashSet<>();

    static QueryFacts of(SQLStatement ast) {
        QueryFacts f = new QueryFacts();
        ast.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(SQLAllColumnExpr x) {
                f.selectStar = true;
                return false;
            }

            @Override
            public boolean visit(SQLPropertyExpr x) {
                if ("*".equals(x.getName())) {
                    f.selectStar = true;
                }
                return true;
            }

            @Override
            public boolean visit(SQLSelectOrderByItem x) {
                if (x.getExpr() instanceof SQLMethodInvokeExpr m && "rand".equalsIgnoreCase(m.getMethodName())) {
                    f.orderByRand = true;
                }
                return true;
            }

            @Override
            public boolean visit(SQLBinaryOpExpr x) {
                if ((x.getOperator() == SQLBinaryOperator.Like || x.getOperator() == SQLBinaryOperator.NotLike)
                        && x.getRight() instanceof SQLCharExpr c && c.getText() != null && c.getText().startsWith("%")) {
                    f.leadingWildcard = c.getText();
                }
                return true;
            }

            @Override
            public boolean visit(SQLExprTableSource x) {
                f.tables.add(x);
                return true;
            }

            @Override
            public boolean visit(SQLInsertStatement.ValuesClause x) {
                // literal rows hold nothing the rules look for; skipping them keeps big INSERTs cheap
                return false;
            }

            @Override
            public boolean visit(SQLWithSubqueryClause.Entry x) {
                f.cteNames.add(Sql.lower(Sql.name(x.getAlias())));
                return true;
            }
        });
        return f;
    }
}
