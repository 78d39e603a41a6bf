package io.tollgate.engine.review;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot configuration the reviewer's slice tests (@WebMvcTest, @DataJpaTest) start from. */
@SpringBootApplication
class ReviewTestApplication {
}
