package client

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// Names of the parameters every call carries.
const (
	paramAction    = "Action"
	paramPublicKey = "PublicKey"
	paramSignature = "Signature"
)

// params is the flat name → value form of an API call's parameters. The
// values are the exact strings that are signed and sent.
type params map[string]string

// setString adds a string parameter; an empty value is not sent.
func (p params) setString(name, value string) {
	if value != "" {
		p[name] = value
	}
}

// setInt adds an integer parameter in decimal; zero is not sent, as every
// integer parameter of these actions defaults to zero or to a server default.
func (p params) setInt(name string, value int) {
	if value != 0 {
		p[name] = strconv.Itoa(value)
	}
}

// setList adds a list as Name.0, Name.1, … (zero-based, as the API expects).
func (p params) setList(name string, values []string) {
	for i, v := range values {
		p[name+"."+strconv.Itoa(i)] = v
	}
}

// form returns p as a URL-encoded form body.
func (p params) form() string {
	v := make(url.Values, len(p))
	for name, value := range p {
		v.Set(name, value)
	}
	return v.Encode()
}

// logForm is a canonical, credential-free rendering of a call for logs: the
// action's parameters sorted by name, without PublicKey and Signature.
func (p params) logForm() string {
	names := make([]string, 0, len(p))
	for name := range p {
		if name != paramPublicKey && name != paramSignature {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	var b strings.Builder
	for _, name := range names {
		b.WriteString(url.QueryEscape(name))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p[name]))
		b.WriteByte('&')
	}
	return b.String()
}
