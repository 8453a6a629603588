package io.glimpse.imports.listener;

import io.glimpse.contracts.topic.EventTypes;
import io.glimpse.imports.workflow.ImportWorker;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The work hand-out: every instance of import-service consumes {@code glimpse.tasks} in one consumer group, so each
 * {@code task.create} (keyed by image id) reaches one of them, which claims the task and runs it. The database stays
 * the truth: a hand-out lost or refused (no free worker) is picked up by the sweep.
 */
@ApplicationScoped
public class TaskHandoutListener {
    private final ImportWorker worker;

    public TaskHandoutListener(ImportWorker worker) {
        this.worker = worker;
    }

    @Incoming("tasks-in")
    public CompletionStage<Void> onTaskEvent(Message<String> message) {
        Optional<String> created = message.getMetadata(IncomingCloudEventMetadata.class)
                .filter(event -> EventTypes.TASK_CREATE.equals(event.getType()))
                .flatMap(IncomingCloudEventMetadata::getSubject);
        created.ifPresent(worker::submit);
        return message.ack();
    }
}
