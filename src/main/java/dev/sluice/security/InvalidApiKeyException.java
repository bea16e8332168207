package dev.sluice.security;

import org.springframework.security.core.AuthenticationException;

/** A bearer token that is no personal API key, or one that was revoked. */
class InvalidApiKeyException extends AuthenticationException {

    InvalidApiKeyException() {
        super("The personal API key is invalid or has been revoked.");
    }
}
