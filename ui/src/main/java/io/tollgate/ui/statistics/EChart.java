package io.tollgate.ui.statistics;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;

/**
 * An Apache ECharts chart driven from the server: the option is built in Java and handed over as JSON; the browser
 * loads ECharts once per page from its WebJar ({@code /webjars/echarts/...}) as a plain script, so Vaadin's prebuilt
 * front-end bundle stays as it is (ADR 0006, ADR 0019). After each option the element carries
 * {@code data-rendered="true"}; {@code echarts.getInstanceByDom(element).getOption()} reads back what is shown.
 */
public class EChart extends Div {

    /** Where the browser loads ECharts from (the WebJar, served by Spring's {@code /webjars/**} handler). */
    public static final String SCRIPT = "webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /*
     * $0: the script's URL, $1: the option as JSON. Loads ECharts once per page (one promise shared by every chart),
     * creates or reuses the element's chart, replaces its option and follows the element's size.
     */
    private static final String RENDER = """
            const el = this;
            window.tollgateEcharts = window.tollgateEcharts || new Promise((ok, fail) => {
              if (window.echarts) { ok(); return; }
              const s = document.createElement('script');
              s.src = $0; s.onload = () => ok(); s.onerror = () => fail(new Error('ECharts did not load from ' + $0));
              document.head.appendChild(s);
            });
            return window.tollgateEcharts.then(() => {
              const chart = echarts.getInstanceByDom(el) || echarts.init(el);
              chart.setOption(JSON.parse($1), true);
              if (!el.tollgateResize) {
                el.tollgateResize = new ResizeObserver(() => chart.resize());
                el.tollgateResize.observe(el);
              }
              el.setAttribute('data-rendered', 'true');
            });
            """;

    private String option = "{}";

    public EChart(String id) {
        setId(id);
        addClassName("tollgate-chart");
        setWidthFull();
        setHeight("320px");
    }

    /** Shows this option (ECharts' option object, as maps and lists), replacing the one shown. */
    public void setOption(Map<String, Object> option) {
        try {
            this.option = JSON.writeValueAsString(option);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a chart option that is not JSON: " + e.getMessage(), e);
        }
        getElement().removeAttribute("data-rendered");
        render();
    }

    /** The option last set, as JSON (for tests and for people reading the page's data). */
    public String optionJson() {
        return option;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        render();
    }

    private void render() {
        getElement().executeJs(RENDER, SCRIPT, option);
    }
}
