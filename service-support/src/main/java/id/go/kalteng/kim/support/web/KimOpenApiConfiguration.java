package id.go.kalteng.kim.support.web;

import java.util.List;

import id.go.kalteng.kim.support.security.KimPrincipal;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
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
		return new OpenAPI().info(new Info().title("kim-platform " + name).version("v1"))
			.servers(List.of(new Server().url("/")))
			.components(new Components().addSecuritySchemes("bearer-jwt",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
	}

}
