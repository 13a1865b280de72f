package fakeapi

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
)

// maxBodyBytes bounds request bodies; real requests are a few hundred bytes.
const maxBodyBytes = 1 << 20

// readParams returns the request parameters as received: the query string
// plus a form body (application/x-www-form-urlencoded) or, as the real API
// also accepts, a flat JSON object. A body that cannot be parsed contributes
// nothing, so the request then fails the common checks like any other
// malformed call.
func readParams(r *http.Request) url.Values {
	params := url.Values{}
	for name, vs := range r.URL.Query() {
		params[name] = append(params[name], vs...)
	}
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodHead {
		return params
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err != nil {
		return params
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mediaType {
	case "application/json":
		addJSONParams(params, body)
	default: // the SDK's form body; also tolerates a missing Content-Type
		if form, err := url.ParseQuery(string(body)); err == nil {
			// Body parameters come first, as in http.Request.Form.
			for name, vs := range form {
				params[name] = append(append([]string(nil), vs...), params[name]...)
			}
		}
	}
	return params
}

// addJSONParams flattens a JSON object into params the way the API maps JSON
// onto its parameters: scalars keep their name, arrays become name.N.
// Numbers are rendered as the signature rules say (no exponent, no ".0").
func addJSONParams(params url.Values, body []byte) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return
	}
	for name, v := range obj {
		if list, ok := v.([]any); ok {
			for i, item := range list {
				if s, ok := jsonScalar(item); ok {
					params.Add(name+"."+strconv.Itoa(i), s)
				}
			}
			continue
		}
		if s, ok := jsonScalar(v); ok {
			params.Add(name, s)
		}
	}
}

// jsonScalar renders a decoded JSON scalar as a parameter value.
func jsonScalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case json.Number:
		if _, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return string(v), true
		}
		f, err := v.Float64()
		if err != nil {
			return "", false
		}
		return strconv.FormatFloat(f, 'f', -1, 64), true
	default:
		return "", false
	}
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
