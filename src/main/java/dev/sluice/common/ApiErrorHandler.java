package dev.sluice.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns every exception a REST controller lets escape into the error body of API.md. Bad input is a
 * 400 naming the field; unexpected failures are a 500 whose body says nothing about the internals.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ApiError> badRequest(BadRequestException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getMessage(), e.attr());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e) {
        return respond(HttpStatus.CONFLICT, e.getMessage(), null);
    }

    @ExceptionHandler(PermissionDeniedException.class)
    ResponseEntity<ApiError> permissionDenied(PermissionDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, e.getMessage(), null);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
        return respond(HttpStatus.UNAUTHORIZED, "Authentication credentials were not provided or are invalid.", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> accessDenied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, "You do not have permission to perform this action.", null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (causeOf(e, RequestBodyTooLargeException.class) != null) {
            return tooLarge(causeOf(e, RequestBodyTooLargeException.class));
        }
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe);
        }
        return respond(HttpStatus.BAD_REQUEST, "A JSON request body is required.", null);
    }

    @ExceptionHandler(JsonProcessingException.class)
    ResponseEntity<ApiError> json(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mie) {
            String attr = attrOf(mie.getPath());
            if (attr == null) {
                return respond(HttpStatus.BAD_REQUEST, "The request body must be a JSON " + describe(mie.getTargetType()) + ".", null);
            }
            return respond(HttpStatus.BAD_REQUEST, attr + " must be " + article(describe(mie.getTargetType())) + ".", attr);
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String attr = attrOf(jme.getPath());
            return respond(HttpStatus.BAD_REQUEST, attr + " has an invalid value.", attr);
        }
        if (e instanceof InputCoercionException ice) {
            String attr = attrOf(ice.getProcessor() == null ? null : ice.getProcessor().getParsingContext());
            return respond(HttpStatus.BAD_REQUEST, (attr == null ? "A number" : attr) + " is out of range.", attr);
        }
        if (e instanceof JsonParseException jpe && jpe.getLocation() != null) {
            return respond(HttpStatus.BAD_REQUEST, "The request body is not valid JSON (line " + jpe.getLocation().getLineNr()
                    + ", column " + jpe.getLocation().getColumnNr() + ").", null);
        }
        return respond(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return respond(HttpStatus.NOT_FOUND, "Nothing was found at this address: '" + e.getValue() + "' is not a valid id.", null);
        }
        String attr = e.getName();
        return respond(HttpStatus.BAD_REQUEST, attr + " must be " + article(describe(e.getRequiredType())) + ".", attr);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required.", e.getParameterName());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .map(Object::toString).sorted().collect(Collectors.joining(", "));
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).contentType(MediaType.APPLICATION_JSON);
        if (!allowed.isEmpty()) {
            builder.header(HttpHeaders.ALLOW, allowed);
        }
        return builder.body(ApiError.of(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here"
                + (allowed.isEmpty() ? "." : "; use " + allowed + "."), null));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body must be JSON with Content-Type: application/json.", null);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(RequestBodyTooLargeException e) {
        return respond(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage(), null);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> integrity(DataIntegrityViolationException e) {
        log.info("Rejected a request that conflicts with stored data: {}", e.getMostSpecificCause().getClass().getSimpleName());
        return respond(HttpStatus.CONFLICT, "The request conflicts with data stored meanwhile; reload and try again.", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        RequestBodyTooLargeException tooLarge = causeOf(e, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        if (e instanceof ErrorResponse er && er.getStatusCode().is4xxClientError()) {
            String detail = er.getBody().getDetail() != null ? er.getBody().getDetail() : "The request could not be processed.";
            return respond(er.getStatusCode(), detail, null);
        }
        log.error("Unexpected error while handling an API request", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; it has been logged.", null);
    }

    private static ResponseEntity<ApiError> respond(HttpStatusCode status, String detail, String attr) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(ApiError.of(status, detail, attr));
    }

    /** The JSON path of a mapping error in the request's own names: {@code batch[3].distinct_id}. */
    static String attrOf(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    private static String attrOf(JsonStreamContext context) {
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            String part = c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName() == null ? "" : "." + c.getCurrentName();
            sb.insert(0, part);
        }
        String attr = sb.toString().replaceFirst("^\\.", "");
        return attr.isEmpty() ? null : attr;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value of another type";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 timestamp such as 2026-11-20T13:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type == Object.class) {
            return "object";
        }
        return "value of another type";
    }

    private static String article(String description) {
        if (description.startsWith("one of") || description.startsWith("true")) {
            return description;
        }
        return ("aeiouAEIOU".indexOf(description.charAt(0)) >= 0 && !description.startsWith("UUID") ? "an " : "a ") + description;
    }

    static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
