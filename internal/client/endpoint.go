package client

import (
	"errors"
	"net/url"
	"strings"
)

// parseEndpoint checks a base URL: absolute http or https, with a host and
// without user info (the API authenticates by signature; a password in the
// URL would only end up in logs and errors).
func parseEndpoint(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("base URL must be an absolute http or https URL, got " + RedactedURL(s))
	}
	if u.User != nil {
		return nil, errors.New("base URL must not carry user info (a name or password before @), got " + RedactedURL(s))
	}
	return u, nil
}

// RedactedURL is s fit to print: user info, which may be a password or a
// token, becomes "xxxxx"; a string that does not parse, or whose opaque
// part holds "@", is cut to its scheme.
func RedactedURL(s string) string {
	u, err := url.Parse(s)
	if err == nil && !strings.Contains(u.Opaque, "@") {
		if u.User == nil {
			return s
		}
		cp := *u
		cp.User = url.User("xxxxx")
		return cp.String()
	}
	if !strings.Contains(s, "@") {
		return s
	}
	if scheme, _, ok := strings.Cut(s, "://"); ok && !strings.Contains(scheme, "@") {
		return scheme + "://(redacted)"
	}
	return "(redacted)"
}

// redacted is the URL fit to print.
func redacted(u *url.URL) string { return RedactedURL(u.String()) }
