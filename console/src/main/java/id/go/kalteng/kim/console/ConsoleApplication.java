package id.go.kalteng.kim.console;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The operations console: server-rendered pages for the provincial team and the agencies.
 * It holds no data of its own; every page is an answer of the public API, called through
 * the gateway with the signed-in user's access token, so the API decides what each role
 * may see and do.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConsoleApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsoleApplication.class, args);
	}

}
