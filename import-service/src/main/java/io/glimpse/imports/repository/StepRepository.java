package io.glimpse.imports.repository;

import io.glimpse.imports.domain.ImportStep;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The recorded steps of imports. */
@ApplicationScoped
public class StepRepository implements PanacheRepositoryBase<ImportStep, ImportStep.Key> {

    public Uni<List<ImportStep>> ofTask(String taskId) {
        return list("key.taskId", taskId);
    }
}
