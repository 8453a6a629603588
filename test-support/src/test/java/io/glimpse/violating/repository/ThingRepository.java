package io.glimpse.violating.repository;

public class ThingRepository {
    public String find(String id) {
        return id;
    }
}
