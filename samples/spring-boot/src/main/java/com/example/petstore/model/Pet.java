package com.example.petstore.model;

/** A pet as the API reads and writes it (Jackson maps records by their component names). */
public record Pet(String id, String name, String breed) {
}
