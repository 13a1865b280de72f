package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// responseEnvelope holds the fields every answer carries.
type responseEnvelope struct {
	// RetCode is a pointer so that an answer without one (a proxy's JSON,
	// "{}" or "null") is caught instead of passing as success.
	RetCode *retCode `json:"RetCode"`
	Message string   `json:"Message"`
	Action  string   `json:"Action"`
}

func (e *responseEnvelope) envelope() *responseEnvelope { return e }

// apiResponse is a pointer to a typed answer that embeds responseEnvelope.
type apiResponse[T any] interface {
	*T
	envelope() *responseEnvelope
}

// retCode is a RetCode written as a JSON number or as a JSON string of
// digits: some backends send "0" or "171", and the official SDK accepts both
// for every action.
type retCode int

// retCodeError is a RetCode that is neither form.
type retCodeError struct{ raw string }

func (e *retCodeError) Error() string {
	return fmt.Sprintf("its RetCode %s is not a number", e.raw)
}

// UnmarshalJSON accepts 171 and "171"; anything else is a retCodeError.
func (c *retCode) UnmarshalJSON(data []byte) error {
	text := data
	if len(data) > 0 && data[0] == '"' {
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		text = []byte(s)
	}
	// NOTE: ParseInt rather than json.Number so that "1e2" or " 0" in a
	// string are refused instead of read loosely; the bound keeps the
	// value an int on 32-bit platforms too.
	n, err := strconv.ParseInt(string(bytes.TrimSpace(text)), 10, 32)
	if err != nil || len(bytes.TrimSpace(text)) != len(text) {
		return &retCodeError{raw: bodyPrefix(data)}
	}
	*c = retCode(n)
	return nil
}

// actionMismatch reports an answer whose Action is present but is not
// "<action>Response": an answer for another request, e.g. after a proxy or
// a redirect sent it elsewhere. It returns "" when the answer fits.
func actionMismatch(action string, env *responseEnvelope) string {
	if env.Action == "" || env.Action == action+"Response" {
		return ""
	}
	return env.Action
}
