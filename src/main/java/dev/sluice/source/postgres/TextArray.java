package dev.sluice.source.postgres;

import java.util.List;

/** A {@code text[]} statement parameter. */
record TextArray(List<String> values) {
}
