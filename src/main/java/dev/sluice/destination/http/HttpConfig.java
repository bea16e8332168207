package dev.sluice.destination.http;

import dev.sluice.destination.DestinationUserException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * An HTTP destination config (keys of API.md): {@code url}, an http(s) URL of a PostHog-compatible
 * {@code /batch} endpoint, and {@code token}, sent as the payload's {@code api_key}.
 * {@link #toString()} leaves the token out.
 */
record HttpConfig(URI url, String token) {

    static HttpConfig parse(Map<String, Object> config) {
        Object url = config.get("url");
        if (url == null || url.toString().isBlank()) {
            throw new DestinationUserException("The HTTP destination needs a url.");
        }
        URI uri = uri(url.toString().trim());
        Object token = config.get("token");
        if (token == null || token.toString().isBlank()) {
            throw new DestinationUserException("The HTTP destination needs a token: the api_key the endpoint expects.");
        }
        return new HttpConfig(uri, token.toString());
    }

    /** An absolute http or https URL with a host, else a user error. */
    static URI uri(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new DestinationUserException("The HTTP destination url must be an http:// or https:// URL with a host, such as"
                + " https://eu.example.com/batch.");
    }

    /** The URL without user info or query, fit for messages. */
    String shownUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + (url.getPath() == null ? "" : url.getPath());
    }

    @Override
    public String toString() {
        return "HttpConfig[url=" + shownUrl() + "]";
    }
}
