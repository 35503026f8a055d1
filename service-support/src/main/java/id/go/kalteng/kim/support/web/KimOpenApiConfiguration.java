package id.go.kalteng.kim.support.web;

import java.math.BigDecimal;
import java.util.List;

import id.go.kalteng.kim.support.security.KimPrincipal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Each service's OpenAPI document as the gateway's UI shows it: titled by service,
 * bearer-JWT secured, paths relative to whoever serves it (the gateway routes the same
 * paths), and without the caller ({@link KimPrincipal} comes from the token, not the
 * query).
 */
@AutoConfiguration
@ConditionalOnClass({ OpenAPI.class, SpringDocUtils.class })
public class KimOpenApiConfiguration {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(KimPrincipal.class);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI kimOpenApi(@Value("${spring.application.name:service}") String name) {
		return new OpenAPI()
			.info(new Info().title("kim-platform " + name)
				.version("v1")
				.description("Every error is application/problem+json (the Problem schema); its type names the "
						+ "rule. Writes to an existing resource take If-Match with the ETag of the last read."))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("bearer-jwt",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
	}

	/**
	 * The problem+json answers of every operation and the examples of bodies and answers
	 * (see {@link KimOpenApiCustomizer}).
	 */
	@Bean
	KimOpenApiCustomizer kimOpenApiCustomizer() {
		return new KimOpenApiCustomizer();
	}

	/**
	 * Documents {@link PageNumber} and {@link PageSize} parameters as the optional
	 * {@code page} and {@code size} query parameters with their bounds.
	 */
	@Bean
	ParameterCustomizer kimPagingParameters() {
		return (parameter, methodParameter) -> {
			if (parameter == null) {
				return null;
			}
			if (methodParameter.hasParameterAnnotation(PageNumber.class)) {
				return query(
						parameter, PagingArgumentResolver.PAGE, "Page number, from 0; page × size may be at most "
								+ Paging.MAX_SKIP + " (narrow the filter to reach further)",
						0, Math.toIntExact(Paging.MAX_SKIP), 0);
			}
			if (methodParameter.hasParameterAnnotation(PageSize.class)) {
				PagingArgumentResolver.SizeRule size = PagingArgumentResolver.sizeOf(methodParameter);
				return query(parameter, PagingArgumentResolver.SIZE, "Items per page", 1, size.max(), size.byDefault());
			}
			return parameter;
		};
	}

	private static Parameter query(Parameter parameter, String name, String description, int minimum, int maximum,
			int byDefault) {
		IntegerSchema schema = new IntegerSchema();
		schema.setMinimum(BigDecimal.valueOf(minimum));
		schema.setMaximum(BigDecimal.valueOf(maximum));
		schema.setDefault(byDefault);
		return parameter.name(name).in("query").required(false).description(description).schema(schema);
	}

}
