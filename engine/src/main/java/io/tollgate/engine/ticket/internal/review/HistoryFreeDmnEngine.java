package io.tollgate.engine.ticket.internal.review;

import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformer;
import org.camunda.bpm.dmn.engine.impl.transform.DefaultDmnTransformer;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * A DMN engine that evaluates as the process engine's own does (the same FEEL engine, expression languages, data
 * types and hit policies) but without the process engine's evaluation listeners: it writes no Camunda decision
 * history and counts no decision metrics, and it parses decisions into plain decisions, not definition entities.
 */
public final class HistoryFreeDmnEngine {

    private HistoryFreeDmnEngine() {
    }

    static DmnEngine like(ProcessEngineConfigurationImpl processEngine) {
        DefaultDmnEngineConfiguration engines = processEngine.getDmnEngineConfiguration();
        DmnTransformer transformer = engines.getTransformer();
        DefaultDmnEngineConfiguration quiet = new DefaultDmnEngineConfiguration()
                .feelEngineFactory(engines::getFeelEngine)
                .elProvider(engines.getElProvider())
                .scriptEngineResolver(engines.getScriptEngineResolver())
                .feelCustomFunctionProviders(engines.getFeelCustomFunctionProviders())
                .enableFeelLegacyBehavior(engines.isEnableFeelLegacyBehavior())
                .defaultInputExpressionExpressionLanguage(engines.getDefaultInputExpressionExpressionLanguage())
                .defaultInputEntryExpressionLanguage(engines.getDefaultInputEntryExpressionLanguage())
                .defaultOutputEntryExpressionLanguage(engines.getDefaultOutputEntryExpressionLanguage())
                .defaultLiteralExpressionLanguage(engines.getDefaultLiteralExpressionLanguage())
                .transformer(new DefaultDmnTransformer()
                        .dataTypeTransformerRegistry(transformer.getDataTypeTransformerRegistry())
                        .hitPolicyHandlerRegistry(transformer.getHitPolicyHandlerRegistry()));
        quiet.setReturnBlankTableOutputAsNull(engines.isReturnBlankTableOutputAsNull());
        return quiet.buildEngine();
    }
}
