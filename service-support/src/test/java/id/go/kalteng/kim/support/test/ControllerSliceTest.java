package id.go.kalteng.kim.support.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import id.go.kalteng.kim.support.security.KimSecurityConfiguration;
import id.go.kalteng.kim.support.web.KimWebConfiguration;
import id.go.kalteng.kim.support.web.ProblemDetailsAdvice;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A controller slice: the named controllers on MockMvc with the platform's web rules (JWT
 * resource server, paging, problem+json), and nothing behind them: the test mocks the
 * application services with {@code @MockitoBean} and calls with {@code TestTokens}. No
 * broker, no database, fast.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest
@ImportAutoConfiguration({ SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class, KimSecurityConfiguration.class, KimWebConfiguration.class })
@Import(ProblemDetailsAdvice.class)
public @interface ControllerSliceTest {

	/** The controllers under test. */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value();

}
