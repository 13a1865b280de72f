package client

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// errNoRetCode marks valid JSON without RetCode, e.g. a proxy's own answer.
var errNoRetCode = errors.New("the answer has no RetCode")

// errBodyTooLarge marks an answer cut at maxBodyBytes.
var errBodyTooLarge = fmt.Errorf("the answer is larger than %d MiB", maxBodyBytes>>20)

// foreignActionError is an answer whose Action names another request.
type foreignActionError struct{ got, want string }

func (e *foreignActionError) Error() string {
	return fmt.Sprintf("the answer is for Action %q, not %q", e.got, e.want)
}

// ErrListingChanged reports a paged listing whose contents moved while it
// was read, even after one fresh re-read.
var ErrListingChanged = errors.New("the image list changed while it was being read")

// ErrListingDefect reports listing answers that cannot be right however
// often they are read: a negative or too large TotalCount, a page that
// repeats earlier images, a server that ignores Offset, an image listed
// twice. The error names the defect.
var ErrListingDefect = errors.New("a defect of the endpoint's answers, not a listing that moved")

// APIError is an answer with a non-zero RetCode.
type APIError struct {
	Action      string
	RetCode     int
	Message     string
	RequestUUID string
}

// Error reads as a sentence a Terraform user can act on.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "UCloud API action %s failed with RetCode %d: %s", e.Action, e.RetCode, e.Message)
	if e.RequestUUID != "" {
		fmt.Fprintf(&b, " (request UUID %s)", e.RequestUUID)
	}
	if hint := e.Hint(); hint != "" {
		b.WriteString(". ")
		b.WriteString(hint)
	}
	return b.String()
}

// Hint says what to check for the RetCodes whose cause is usually on the
// caller's side; it is empty for the others.
func (e *APIError) Hint() string {
	switch {
	case e.RetCode == 161:
		return "The endpoint does not offer this action: check base_url (UCLOUD_BASE_URL)."
	case e.RetCode == 170 || e.RetCode == 160:
		return "The request was malformed; please report this as a provider bug."
	case e.RetCode == 171:
		return "The signature did not verify: check private_key (UCLOUD_PRIVATE_KEY) belongs to public_key."
	case e.RetCode == 172:
		return "No account has this key: check public_key (UCLOUD_PUBLIC_KEY)."
	case e.RetCode == 174:
		return "The token does not exist: check the credentials in use."
	case e.RetCode == 230:
		return "A required parameter was missing or invalid: check region, zone and the data source's arguments."
	case e.RetCode == 292:
		return "The project does not exist: check project_id (UCLOUD_PROJECT_ID)."
	case e.RetCode == 293:
		return "The key has no permission for this zone: check zone."
	case e.RetCode == 294:
		return "The caller's IP address is denied: check the key's IP allow-list."
	case e.RetCode == 295:
		return "The account's security lock check failed: check the account's security settings."
	case e.RetCode == 299:
		return "The key lacks IAM permission for " + e.Action + ": grant it to the key's user or use another key."
	case e.retryable():
		return "This is a transient service-side error; it was retried."
	}
	return ""
}

// retryable reports whether the RetCode is transient: timeouts, gateway and
// availability errors, rate limiting and service-side internal errors.
func (e *APIError) retryable() bool {
	switch e.RetCode {
	case 110, 130, 150, 153:
		return true
	}
	return e.RetCode >= 2000
}

// HTTPError is an answer that is not a usable API response: a non-2xx HTTP
// status (typically a gateway's HTML page) or a body that is not valid JSON.
type HTTPError struct {
	Action      string
	StatusCode  int
	ContentType string
	// BodyPrefix is the start of the body, cut at 200 bytes and made
	// valid UTF-8 for quoting.
	BodyPrefix  string
	RequestUUID string
	// Err is the decoding error when the status was 2xx.
	Err error
}

// Error quotes status, content type and the start of the body.
func (e *HTTPError) Error() string {
	var b strings.Builder
	var foreign *foreignActionError
	var badCode *retCodeError
	switch {
	case errors.As(e.Err, &foreign):
		fmt.Fprintf(&b, "UCloud API action %s was answered for another action (%q, expected %q); "+
			"the endpoint or something in between is not the UCloud API: check base_url (UCLOUD_BASE_URL) and any proxy", e.Action, foreign.got, foreign.want)
	case errors.As(e.Err, &badCode):
		fmt.Fprintf(&b, "UCloud API action %s returned JSON that is not a UCloud API response (%v)", e.Action, badCode)
	case errors.Is(e.Err, errBodyTooLarge):
		fmt.Fprintf(&b, "UCloud API action %s returned an answer larger than %d MiB, far more than any image listing needs; it was not read further", e.Action, maxBodyBytes>>20)
	case errors.Is(e.Err, errNoRetCode):
		fmt.Fprintf(&b, "UCloud API action %s returned JSON that is not a UCloud API response (it has no RetCode)", e.Action)
	case e.Err != nil:
		fmt.Fprintf(&b, "UCloud API action %s returned a response that is not valid JSON (%v)", e.Action, e.Err)
	default:
		fmt.Fprintf(&b, "UCloud API action %s returned an error status", e.Action)
	}
	fmt.Fprintf(&b, ": HTTP %d, Content-Type %q", e.StatusCode, e.ContentType)
	if e.RequestUUID != "" {
		fmt.Fprintf(&b, ", request UUID %s", e.RequestUUID)
	}
	fmt.Fprintf(&b, ", body starts with %q", e.BodyPrefix)
	return b.String()
}

// Unwrap returns the decoding error, if any.
func (e *HTTPError) Unwrap() error { return e.Err }

// retryable reports whether the status is transient (throttling or a server
// fault); a 2xx body that does not decode is not retried.
func (e *HTTPError) retryable() bool {
	return e.StatusCode == 429 || e.StatusCode >= 500
}

// TimeoutError is an attempt that exceeded request_timeout.
type TimeoutError struct {
	Action  string
	Timeout time.Duration
	Err     error
}

// Error names the setting that bounds the wait.
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("UCloud API action %s timed out: no complete answer within request_timeout (%s)", e.Action, e.Timeout)
}

// Unwrap returns the transport error.
func (e *TimeoutError) Unwrap() error { return e.Err }

// RetriesExhaustedError is returned when every allowed attempt failed with a
// transient error; Last is the final attempt's error. Exactly one of
// MaxRetries and RetryTimeout is set: the limit that ended the retries.
type RetriesExhaustedError struct {
	Action       string
	Attempts     int
	Elapsed      time.Duration
	MaxRetries   int
	RetryTimeout time.Duration
	Last         error
}

// Error gives the count of attempts, the time they took, the limit that
// stopped them and the last error.
func (e *RetriesExhaustedError) Error() string {
	return e.Attempted() + "; last error: " + e.Last.Error()
}

// Attempted says what was tried, without the last error: "UCloud API
// action X failed after N attempts (max_retries allows N-1)".
func (e *RetriesExhaustedError) Attempted() string {
	noun := "attempts"
	if e.Attempts == 1 {
		noun = "attempt"
	}
	limit := fmt.Sprintf("max_retries allows %d", e.MaxRetries)
	if e.RetryTimeout > 0 {
		limit = fmt.Sprintf("retry_timeout %s leaves no time for another", e.RetryTimeout)
	}
	return fmt.Sprintf("UCloud API action %s failed after %d %s in %s (%s)",
		e.Action, e.Attempts, noun, e.Elapsed.Round(time.Millisecond), limit)
}

// Unwrap returns the last attempt's error.
func (e *RetriesExhaustedError) Unwrap() error { return e.Last }
