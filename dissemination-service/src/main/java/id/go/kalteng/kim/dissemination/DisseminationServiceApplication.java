package id.go.kalteng.kim.dissemination;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Information broadcasts: drafting, four-eyes review, targeting, fan-out and progress.
 */
@SpringBootApplication
@EnableScheduling
public class DisseminationServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(DisseminationServiceApplication.class, args);
	}

}
