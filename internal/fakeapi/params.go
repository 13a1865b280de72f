package fakeapi

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxBodyBytes bounds request bodies; real requests are a few hundred bytes.
const maxBodyBytes = 1 << 20

// readParams returns the parameters of a request as the client sends them:
// a POST with a form body (application/x-www-form-urlencoded). Anything
// else (a GET, a JSON body, a body that does not parse) carries no
// parameters, so it fails the common checks like any malformed call.
func readParams(r *http.Request) url.Values {
	if r.Method != http.MethodPost || r.Body == nil {
		return url.Values{}
	}
	if mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mediaType != "application/x-www-form-urlencoded" {
		return url.Values{}
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return url.Values{}
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return url.Values{}
	}
	return form
}

// intParam reads an optional non-negative integer parameter.
func intParam(params url.Values, name string, def int) (int, bool) {
	s := params.Get(name)
	if s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// indexedParam reads a flattened list parameter: name.0, name.1, … up to the
// first missing index, as the API does.
func indexedParam(params url.Values, name string) []string {
	var out []string
	for i := 0; ; i++ {
		vs, ok := params[name+"."+strconv.Itoa(i)]
		if !ok || len(vs) == 0 {
			return out
		}
		out = append(out, vs[0])
	}
}
