package dev.sluice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SluiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SluiceApplication.class, args);
    }
}
