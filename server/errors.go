package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/wiretrace/wiretrace"
	"github.com/wiretrace/wiretrace/engine"
	"github.com/wiretrace/wiretrace/extract"
	"github.com/wiretrace/wiretrace/fetch"
	"github.com/wiretrace/wiretrace/ingest"
	"github.com/wiretrace/wiretrace/text"
)

// Error codes: the stable name of what went wrong, sent in every error
// body. Clients branch on the code, never on the message, which may change.
// docs/server.md lists them with their statuses.
const (
	CodeInvalidJSON          = "invalid_json"           // 400: the body is not the JSON asked for
	CodeInvalidRequest       = "invalid_request"        // 400: a field is missing or wrong
	CodeEmptyText            = "empty_text"             // 422: the article has no words
	CodeUnreadable           = "unreadable_article"     // 422: no article could be read from the input
	CodeUnsegmented          = "unsegmented_text"       // 422: the text is in a script wiretrace does not split into words
	CodeTooLarge             = "too_large"              // 413: the body or the article is over its limit
	CodeUnsupportedMediaType = "unsupported_media_type" // 415: a Content-Type the route does not take
	CodeUnauthorized         = "unauthorized"           // 401: no token, or the wrong one
	CodeWritesDisabled       = "writes_disabled"        // 403: the server has no token, so it takes no writes
	CodeNotFound             = "not_found"              // 404: no such article, or no such route
	CodeMethodNotAllowed     = "method_not_allowed"     // 405
	CodeIDConflict           = "id_conflict"            // 409: the ID names a stored article with another text
	CodeUpdateRunning        = "update_running"         // 409: the families are being updated by another request
	CodeFamiliesOutdated     = "families_outdated"      // 409: the families were found by another version or with other settings; rebuild them
	CodeFetchForbidden       = "fetch_forbidden"        // 422: the URL leads to an address the server must not reach
	CodeFetchFailed          = "fetch_failed"           // 502: the URL could not be fetched
	CodeTimeout              = "timeout"                // 503: the request took longer than the server allows
	CodeOverloaded           = "overloaded"             // 503: too many requests at once; retry later
	CodeUnavailable          = "unavailable"            // 503: the server is shutting down
	CodeInternal             = "internal"               // 500: a fault of the server, logged under the request ID
)

// Error is a failure with the status and code the client gets. Handlers
// return plain errors; the server classifies them (classify) unless they
// are an *Error already.
type Error struct {
	Status  int
	Code    string
	Message string
	// Err is the cause, for the log.
	Err error
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the status and code, its message formatted
// as fmt.Errorf formats (%w wraps a cause).
func Errorf(status int, code, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Status: status, Code: code, Message: err.Error(), Err: errors.Unwrap(err)}
}

// ErrorBody is the JSON of every failure: {"error": {"code", "message",
// "request_id"}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// RequestID names the request in the server's log.
	RequestID string `json:"request_id,omitempty"`
}

// fetchError marks an error met while fetching a URL input: one that is not
// classified otherwise is the remote side's fault (502), not the server's.
type fetchError struct{ error }

func (e fetchError) Unwrap() error { return e.error }

// classify maps an error to what the client is told. Only CodeInternal
// errors are the server's fault; their message hides the cause, which
// the log keeps.
func classify(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	mk := func(status int, code string) *Error {
		return &Error{Status: status, Code: code, Message: err.Error(), Err: err}
	}
	var maxBytes *http.MaxBytesError
	var skip *ingest.Skip
	var status *fetch.StatusError
	switch {
	case errors.As(err, &maxBytes), errors.Is(err, ingest.ErrTooLarge):
		return mk(http.StatusRequestEntityTooLarge, CodeTooLarge)
	case errors.Is(err, wiretrace.ErrNotFound):
		return mk(http.StatusNotFound, CodeNotFound)
	case errors.Is(err, wiretrace.ErrIDConflict):
		return mk(http.StatusConflict, CodeIDConflict)
	case errors.Is(err, engine.ErrFamilySettings):
		return &Error{Status: http.StatusConflict, Code: CodeFamiliesOutdated, Err: err,
			Message: err.Error() + `: send {"rebuild": true} to link every article again`}
	case errors.Is(err, wiretrace.ErrEmptyText), errors.Is(err, text.ErrEmpty):
		return mk(http.StatusUnprocessableEntity, CodeEmptyText)
	case errors.Is(err, text.ErrUnsegmented):
		return mk(http.StatusUnprocessableEntity, CodeUnsegmented)
	case errors.Is(err, ingest.ErrInvalidJSON):
		return mk(http.StatusBadRequest, CodeInvalidJSON)
	case errors.Is(err, ingest.ErrNoText), errors.Is(err, ingest.ErrInvalidUTF8),
		errors.Is(err, ingest.ErrPublished), errors.Is(err, ingest.ErrFirstSeen),
		errors.Is(err, wiretrace.ErrEmptyID):
		return mk(http.StatusBadRequest, CodeInvalidRequest)
	case errors.Is(err, fetch.ErrForbiddenAddress), errors.Is(err, fetch.ErrScheme):
		return mk(http.StatusUnprocessableEntity, CodeFetchForbidden)
	case errors.As(err, &status), errors.Is(err, fetch.ErrTooManyRedirects), errors.Is(err, fetch.ErrTooLarge):
		return mk(http.StatusBadGateway, CodeFetchFailed)
	case errors.As(err, &skip), errors.Is(err, extract.ErrNoText), errors.Is(err, extract.ErrTooComplex),
		errors.Is(err, text.ErrBinary), errors.Is(err, ingest.ErrSeveral):
		return mk(http.StatusUnprocessableEntity, CodeUnreadable)
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Code: CodeTimeout, Message: "the request took longer than the server allows", Err: err}
	case errors.Is(err, context.Canceled), errors.Is(err, wiretrace.ErrClosed):
		return &Error{Status: http.StatusServiceUnavailable, Code: CodeUnavailable, Message: "the request was cancelled: the client went away or the server is shutting down", Err: err}
	}
	var fe fetchError
	if errors.As(err, &fe) {
		return mk(http.StatusBadGateway, CodeFetchFailed)
	}
	return &Error{Status: http.StatusInternalServerError, Code: CodeInternal, Message: "internal error; the server's log has the details under the request ID", Err: err}
}
