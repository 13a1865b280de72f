package client

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// refuseRedirects is the http.Client redirect policy: the redirect answer
// itself is returned, so nothing is ever sent to its Location. A signed
// body re-posted elsewhere would leak PublicKey and Signature, and a
// redirect turned into an unsigned GET may answer for another action.
func refuseRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// withoutRedirects returns a copy of hc that never follows a redirect; the
// caller's client is left as it is.
func withoutRedirects(hc *http.Client) *http.Client {
	cp := *hc
	cp.CheckRedirect = refuseRedirects
	return &cp
}

// RedirectError is a 3xx answer. Redirects are never followed: the request
// is signed for base_url and nothing may be sent anywhere else.
type RedirectError struct {
	Action     string
	StatusCode int
	// Location is the redirect's target resolved against base_url, with any
	// user info redacted; empty when the answer named none.
	Location    string
	RequestUUID string
}

// Error names the target and says what to set.
func (e *RedirectError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "UCloud API action %s was answered with a redirect (HTTP %d)", e.Action, e.StatusCode)
	if e.Location != "" {
		fmt.Fprintf(&b, " to %s", e.Location)
	} else {
		b.WriteString(" without a Location")
	}
	if e.RequestUUID != "" {
		fmt.Fprintf(&b, " (request UUID %s)", e.RequestUUID)
	}
	b.WriteString(". The provider never follows redirects, because requests are signed for base_url and must not be sent anywhere else")
	if base := redirectBase(e.Location); base != "" {
		fmt.Fprintf(&b, "; if %s is the UCloud API endpoint, set base_url (UCLOUD_BASE_URL) to it", base)
	} else {
		b.WriteString("; check base_url (UCLOUD_BASE_URL)")
	}
	return b.String()
}

// redirectBase is the scheme and host of a redirect target: what base_url
// should be set to.
func redirectBase(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.Host == "" {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// redirectError builds the error for a 3xx answer to a request for endpoint.
func redirectError(action string, endpoint *url.URL, res attemptResult) *RedirectError {
	e := &RedirectError{Action: action, StatusCode: res.status, RequestUUID: res.requestUUID}
	if res.location != "" {
		if u, err := endpoint.Parse(res.location); err == nil {
			e.Location = redacted(u)
		} else {
			e.Location = fmt.Sprintf("%q (not a valid URL)", bodyPrefix([]byte(res.location)))
		}
	}
	return e
}
