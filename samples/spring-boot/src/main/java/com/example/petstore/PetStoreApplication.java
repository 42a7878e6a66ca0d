package com.example.petstore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The class the template names in MAIN_CLASS: SpringDelegatingLambdaContainerHandler reads that
 * variable on its first invocation and starts this application context, without a web server.
 * {@link #main} still runs the app as an ordinary Spring Boot program where a server is on the class path.
 */
@SpringBootApplication
public class PetStoreApplication {

    public static void main(String[] args) {
        SpringApplication.run(PetStoreApplication.class, args);
    }
}
