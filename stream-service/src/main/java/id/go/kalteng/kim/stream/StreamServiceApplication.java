package id.go.kalteng.kim.stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Serves kabupaten agencies: republishes every domain event, redacted, to one public
 * topic per kabupaten, and streams those topics over SSE and signed webhooks.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StreamServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(StreamServiceApplication.class, args);
	}

}
