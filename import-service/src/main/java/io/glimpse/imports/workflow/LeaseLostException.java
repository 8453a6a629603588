package io.glimpse.imports.workflow;

/**
 * This attempt of an import no longer holds its task: another attempt took over (this worker was presumed dead) or
 * the task ended. The attempt stops at once and changes nothing more.
 */
public class LeaseLostException extends RuntimeException {
    public LeaseLostException(String taskId, long attempt) {
        super("attempt " + attempt + " of task " + taskId + " no longer holds it");
    }
}
