package io.glimpse.contracts.event;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How far one phase of an import is.
 *
 * @param phase {@code stage}, {@code download}, {@code inspect}, {@code verify} or {@code store}
 * @param store the target store of a {@code store} phase, else null
 * @param state {@code pending}, {@code running}, {@code done}, {@code failed} or {@code skipped}
 * @param bytesDone bytes moved so far
 * @param bytesTotal bytes to move, when known (else null)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ImportProgress(String phase, String store, String state, long bytesDone, Long bytesTotal) {}
