package dev.sluice.common;

import java.util.List;

/** The envelope of every list answer of the REST API: {@code {"results": [...]}}. */
public record Results<T>(List<T> results) {
}
