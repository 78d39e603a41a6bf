package io.tollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiErrorPagesTest {

    private final ApiErrorPages.AskForJson filter = new ApiErrorPages.AskForJson();

    @Test
    void theErrorPageOfAnApiRequestIsAskedForInJsonWhateverTheClientAccepts() throws Exception {
        for (String accept : new String[] {"text/html", "application/xml", "text/csv"}) {
            HttpServletRequest seen = errorPage("/api/v1/tickets/T-1/decision", accept);
            assertThat(seen.getHeader("Accept")).as(accept).isEqualTo("application/json");
            assertThat(java.util.Collections.list(seen.getHeaders("accept"))).containsExactly("application/json");
        }
    }

    @Test
    void pagesAndRequestsThatAreNoErrorKeepTheirAccept() throws Exception {
        assertThat(errorPage("/tickets/T-1", "text/html").getHeader("Accept")).isEqualTo("text/html");
        MockHttpServletRequest plain = new MockHttpServletRequest("GET", "/api/v1/tickets");
        plain.addHeader("Accept", "text/html");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(plain, new MockHttpServletResponse(), chain);
        assertThat(((HttpServletRequest) chain.getRequest()).getHeader("Accept")).isEqualTo("text/html");
    }

    private HttpServletRequest errorPage(String uri, String accept) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.addHeader("Accept", accept);
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return (HttpServletRequest) chain.getRequest();
    }
}
