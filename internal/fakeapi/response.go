package fakeapi

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// errorResponse is the body of every failed call.
type errorResponse struct {
	RetCode int
	Action  string
	Message string
}

// apiError builds a failure answer for action with a message worded like the
// real API's. detail names the parameter for 230 and is otherwise optional.
func apiError(action string, code int, detail string) errorResponse {
	return errorResponse{RetCode: code, Action: action + "Response", Message: retCodeMessage(action, code, detail)}
}

// paramError is RetCode 230, the API's answer to a missing or bad parameter.
func paramError(action, param string) errorResponse {
	return apiError(action, 230, param)
}

// retCodeMessage words a RetCode the way the API does.
func retCodeMessage(action string, code int, detail string) string {
	switch code {
	case 110:
		return "Request timed out, please retry later"
	case 130:
		return "Gateway error, please retry later"
	case 150:
		return "Service Temporarily Unavailable"
	case 153:
		return "API request frequency exceeded the limit, please retry later"
	case 160:
		return "Missing Action"
	case 161:
		return fmt.Sprintf("Action [%s] not exist", action)
	case 170:
		return "Missing signature"
	case 171:
		return "Signature VerifyAC Error"
	case 172:
		return "User not exist"
	case 174:
		return "Token not exist"
	case 230:
		return fmt.Sprintf("Params [%s] not available", detail)
	case 292:
		return "Project not exist"
	case 293:
		return "No permission for this zone"
	case 294:
		return "Your IP is denied by the access policy"
	case 295:
		return "Security lock check failed"
	case 299:
		return fmt.Sprintf("Permission denied: [%s] is not allowed by IAM policy", action)
	}
	if code >= 2000 {
		return fmt.Sprintf("Internal service error [%d], please retry later", code)
	}
	return fmt.Sprintf("Request failed [%d]", code)
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONAs(w, status, "application/json", v)
}

// writeJSONAs answers with v as JSON under another Content-Type (faults use
// it to imitate misconfigured gateways).
func writeJSONAs(w http.ResponseWriter, status int, contentType string, v any) {
	body, err := json.Marshal(v)
	if err != nil { // only our own types are marshaled; this is a bug
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client may be gone; nothing to do about it
}

// newUUID returns a random version-4 UUID, the shape of the API's request ids.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// sleep waits d, or less if ctx ends first; it reports whether the full
// duration passed (false means the client went away).
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
