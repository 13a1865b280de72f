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

// callOptions tunes one call.
type callOptions struct {
	// fresh skips reuse of an earlier identical read, e.g. to re-read a
	// listing that changed under us.
	fresh bool
}

// call sends action with p and decodes the answer into a new T. Identical
// calls share one request unless opts.fresh is set.
func call[T any, PT apiResponse[T]](ctx context.Context, c *Client, action string, p params, opts callOptions) (*T, error) {
	p[paramAction] = action
	key := p.cacheKey()
	sendThis := func(ctx context.Context) ([]byte, any, error) {
		return send[T, PT](ctx, c, action, p)
	}

	var (
		shared *sharedResponse
		reused bool
		err    error
	)
	if opts.fresh {
		var body []byte
		var decoded any
		if body, decoded, err = sendThis(ctx); err == nil {
			c.cache.put(key, body)
			shared = &sharedResponse{body: body, decoded: decoded}
		}
	} else {
		shared, reused, err = c.cache.shared(ctx, key, sendThis)
	}
	if err != nil {
		return nil, err
	}
	if reused {
		c.log.Debug(ctx, "UCloud API answer reused from an identical earlier read", map[string]any{
			"ucloud_action": action, "ucloud_params": key,
		})
	}
	if decoded, ok := shared.claim(); ok {
		return decoded.(*T), nil //nolint:forcetypeassert // send decoded into a *T.
	}
	return decodeCached[T, PT](action, shared.body)
}

// decodeCached decodes a body that already passed every check once.
func decodeCached[T any, PT apiResponse[T]](action string, body []byte) (*T, error) {
	out := new(T)
	if err := json.Unmarshal(body, PT(out)); err != nil {
		return nil, fmt.Errorf("decoding the reused %s answer: %w", action, err)
	}
	return out, nil
}

// send signs p and posts it, retrying transient faults with backoff. It
// returns the raw body and its decoded form.
func send[T any, PT apiResponse[T]](ctx context.Context, c *Client, action string, p params) ([]byte, *T, error) {
	p[paramPublicKey] = c.cfg.PublicKey
	delete(p, paramSignature)
	signature := Sign(p, c.cfg.PrivateKey)
	p[paramSignature] = signature
	form := p.form()
	delete(p, paramSignature)

	c.log.Trace(ctx, "UCloud API request parameters", map[string]any{
		"ucloud_action": action, "ucloud_params": p.cacheKey(),
	})

	for attempt := 1; ; attempt++ {
		start := time.Now()
		res := c.attempt(ctx, action, form)
		fields := map[string]any{
			"ucloud_action": action,
			"attempt":       attempt,
			"http_status":   res.status,
			"request_uuid":  res.requestUUID,
			"duration_ms":   time.Since(start).Milliseconds(),
		}

		var out *T
		err := res.err
		if err == nil {
			out, err = decodeAnswer[T, PT](action, res)
			fields["ret_code"] = retCodeOf(err)
		}
		if err != nil {
			fields["error"] = err.Error()
		}
		c.log.Debug(ctx, "UCloud API call", fields)
		if err == nil {
			c.log.Trace(ctx, "UCloud API response body", map[string]any{"ucloud_action": action, "body": string(res.body)})
			return res.body, out, nil
		}

		if !isRetryable(err) || ctx.Err() != nil {
			return nil, nil, err
		}
		if attempt > c.cfg.MaxRetries {
			return nil, nil, &RetriesExhaustedError{Action: action, Attempts: attempt, Last: err}
		}
		wait := c.backoff.delay(attempt, res.retryAfter)
		c.log.Debug(ctx, "UCloud API call will be retried", map[string]any{
			"ucloud_action": action, "attempt": attempt, "wait_ms": wait.Milliseconds(),
		})
		if err := sleepContext(ctx, wait); err != nil {
			return nil, nil, fmt.Errorf("UCloud API action %s: gave up waiting to retry: %w", action, err)
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
