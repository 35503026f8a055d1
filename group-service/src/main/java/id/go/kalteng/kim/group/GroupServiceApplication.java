package id.go.kalteng.kim.group;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The register of KIM groups: groups, members, officers, Forum KIM and partnerships.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GroupServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(GroupServiceApplication.class, args);
	}

}
