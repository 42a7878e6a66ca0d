package com.example.petstore.controller;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.petstore.model.Pet;

/**
 * An in-memory pet store. The store lives as long as the execution environment, so a pet added by
 * POST is only seen by later requests that reach the same one; the two seeded pets are always there.
 */
@RestController
public class PetsController {

    private final Map<String, Pet> pets = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);

    public PetsController() {
        add("Rex", "Labrador Retriever");
        add("Tom", "Siamese");
    }

    @GetMapping("/pets")
    public List<Pet> list() {
        List<Pet> all = new ArrayList<>(pets.values());
        all.sort((a, b) -> Integer.compare(Integer.parseInt(a.id()), Integer.parseInt(b.id())));
        return all;
    }

    @GetMapping("/pets/{id}")
    public ResponseEntity<?> get(@PathVariable String id) {
        Pet pet = pets.get(id);
        if (pet == null) {
            return ResponseEntity.status(404).body(Map.of("error", "no pet with id " + id));
        }
        return ResponseEntity.ok(pet);
    }

    @PostMapping("/pets")
    public ResponseEntity<?> create(@RequestBody Pet request) {
        if (request.name() == null || request.name().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "name is required"));
        }
        Pet pet = add(request.name(), request.breed());
        return ResponseEntity.created(URI.create("/pets/" + pet.id())).body(pet);
    }

    /** Which store this is and what the handler was told to start; both come from the template. */
    @GetMapping("/info")
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("store", System.getenv("STORE_NAME"));
        info.put("mainClass", System.getenv("MAIN_CLASS"));
        info.put("pets", pets.size());
        return info;
    }

    private Pet add(String name, String breed) {
        Pet pet = new Pet(String.valueOf(nextId.getAndIncrement()), name, breed);
        pets.put(pet.id(), pet);
        return pet;
    }
}
