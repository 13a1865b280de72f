package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// maxBodyBytes bounds how much of one answer is read: 64 MiB, hundreds of
// times the largest real image listing.
const maxBodyBytes = 64 << 20

// bodyPrefixBytes is how much of an unusable body an error quotes.
const bodyPrefixBytes = 200

// call sends action with p and decodes the answer into a new T.
func call[T any, PT apiResponse[T]](ctx context.Context, c *Client, action string, p params) (*T, error) {
	p[paramAction] = action
	return send[T, PT](ctx, c, action, p)
}

// send signs p and posts it at the shared pace, retrying transient faults
// with backoff (retry.go), and returns the decoded answer.
//
// NOTE: the retry loop is written here rather than taken from
// go-retryablehttp because whether to retry depends on the RetCode inside
// an HTTP 200 body (153 rate limiting, 150 and 2000+ service faults), which
// a retrying transport cannot see without decoding every answer itself.
func send[T any, PT apiResponse[T]](ctx context.Context, c *Client, action string, p params) (*T, error) {
	p[paramPublicKey] = c.cfg.PublicKey
	delete(p, paramSignature)
	signature := Sign(p, c.cfg.PrivateKey)
	p[paramSignature] = signature
	form := p.form()
	delete(p, paramSignature)

	c.log.Trace(ctx, "UCloud API request parameters", map[string]any{
		"ucloud_action": action, "ucloud_params": p.logForm(),
	})

	run := c.newRetryRun(action)
	var err error
	for {
		if err := run.pace(ctx, err); err != nil {
			return nil, err
		}
		start := time.Now()
		res := c.attempt(ctx, action, form)
		fields := map[string]any{
			"ucloud_action": action,
			"attempt":       run.attempts,
			"http_status":   res.status,
			"request_uuid":  res.requestUUID,
			"duration_ms":   time.Since(start).Milliseconds(),
		}

		var out *T
		err = res.err
		if err == nil {
			out, err = decodeAnswer[T, PT](action, res)
			fields["ret_code"] = retCodeOf(err)
		}
		if err != nil {
			fields["error"] = err.Error()
		}
		c.log.Debug(ctx, "UCloud API call", fields)
		if err == nil {
			run.succeeded()
			c.log.Trace(ctx, "UCloud API response body", map[string]any{"ucloud_action": action, "body": string(res.body)})
			return out, nil
		}
		if err := run.next(ctx, err, res.retryAfter); err != nil {
			return nil, err
		}
	}
}

// attemptResult is what one HTTP exchange produced.
type attemptResult struct {
	status      int
	contentType string
	requestUUID string
	body        []byte
	retryAfter  time.Duration
	location    string
	err         error
}

// attempt performs one HTTP exchange bounded by request_timeout.
func (c *Client) attempt(ctx context.Context, action, form string) attemptResult {
	attemptCtx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()

	req, err := http.NewRequestWithContext(attemptCtx, http.MethodPost, c.endpoint.String(), strings.NewReader(form))
	if err != nil {
		return attemptResult{err: fmt.Errorf("building the %s request: %w", action, err)}
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if c.cfg.UserAgent != "" {
		req.Header.Set("User-Agent", c.cfg.UserAgent)
	}

	resp, err := c.http.Do(req)
	if err != nil {
		return attemptResult{err: c.transportFailure(ctx, attemptCtx, action, err)}
	}
	defer resp.Body.Close() //nolint:errcheck // The body was read; a close error changes nothing.

	res := attemptResult{
		status:      resp.StatusCode,
		contentType: resp.Header.Get("Content-Type"),
		requestUUID: resp.Header.Get("X-UCLOUD-REQUEST-UUID"),
		retryAfter:  parseRetryAfter(resp.Header, time.Now()),
		location:    resp.Header.Get("Location"),
	}
	if res.status >= 300 && res.status <= 399 {
		res.err = redirectError(action, c.endpoint, res)
		return res
	}
	// One byte more than the cap tells a body cut at the cap from one that
	// fits exactly.
	res.body, err = io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	if err != nil {
		res.err = c.transportFailure(ctx, attemptCtx, action, err)
	}
	return res
}

// transportFailure classifies an error that left no usable answer: the
// caller's cancellation and a certificate that did not verify are final,
// anything else is a retryable transport fault (a timeout says which
// setting bounded it).
func (c *Client) transportFailure(ctx, attemptCtx context.Context, action string, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("UCloud API action %s: %w", action, ctx.Err())
	}
	if isCertificateFailure(err) {
		return &CertificateError{Action: action, Endpoint: redacted(c.endpoint), Err: err}
	}
	if errors.Is(attemptCtx.Err(), context.DeadlineExceeded) {
		return &transportError{err: &TimeoutError{Action: action, Timeout: c.cfg.RequestTimeout, Err: err}}
	}
	return &transportError{err: fmt.Errorf("UCloud API action %s: no answer from %s: %w", action, redacted(c.endpoint), err)}
}

// decodeAnswer turns an HTTP answer into a typed value or a typed error.
func decodeAnswer[T any, PT apiResponse[T]](action string, res attemptResult) (*T, error) {
	httpErr := func(decodeErr error) error {
		return &HTTPError{
			Action: action, StatusCode: res.status, ContentType: res.contentType,
			BodyPrefix: bodyPrefix(res.body), RequestUUID: res.requestUUID, Err: decodeErr,
		}
	}
	if res.status == http.StatusTooManyRequests || res.status >= 500 {
		return nil, httpErr(nil)
	}
	if len(res.body) > maxBodyBytes {
		return nil, httpErr(errBodyTooLarge)
	}
	out := new(T)
	if err := json.Unmarshal(res.body, PT(out)); err != nil {
		return nil, httpErr(err)
	}
	env := PT(out).envelope()
	if got := actionMismatch(action, env); got != "" {
		return nil, httpErr(&foreignActionError{got: got, want: action + "Response"})
	}
	if env.RetCode == nil {
		return nil, httpErr(errNoRetCode)
	}
	if *env.RetCode != 0 {
		return nil, &APIError{Action: action, RetCode: int(*env.RetCode), Message: env.Message, RequestUUID: res.requestUUID}
	}
	if res.status < 200 || res.status > 299 {
		return nil, httpErr(nil)
	}
	return out, nil
}

// retCodeOf reports the RetCode for logging: the API error's, else 0 for a
// successful answer, else nil when no RetCode was read.
func retCodeOf(err error) any {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.RetCode
	}
	if err == nil {
		return 0
	}
	return nil
}

// bodyPrefix returns the first bytes of body as valid UTF-8 for quoting.
func bodyPrefix(body []byte) string {
	if len(body) > bodyPrefixBytes {
		// Do not split a character: back up to the start of the one cut.
		cut := bodyPrefixBytes
		for i := cut; i > 0 && i > bodyPrefixBytes-utf8.UTFMax; i-- {
			if utf8.RuneStart(body[i]) {
				cut = i
				break
			}
		}
		body = body[:cut]
	}
	s := string(body)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
