package dev.pixelforge.core.http;

import io.micronaut.serde.annotation.Serdeable;

/** The one error body: a stable code to match on and a sentence that says what to fix. */
@Serdeable
public record ApiError(String error, String message) {}
