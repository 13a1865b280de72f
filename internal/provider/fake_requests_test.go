package provider

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// This file holds the helpers acceptance tests use to assert on what the
// fake API received, and on Terraform's error output.

// requestsCheck inspects the requests the fake recorded so far.
type requestsCheck func(reqs []fakeapi.Request) error

// signingParams are carried by every call; the argument checks ignore them.
var signingParams = []string{"Action", "PublicKey", "Signature"}

// phostPagingParams are the paging parameters of DescribePHostImage; the
// argument checks ignore them and the paging checks look at them alone.
var phostPagingParams = []string{"Offset", "Limit"}

// testCheckRequests returns a TestCheckFunc that requires every request the
// fake recorded so far to be for action, then runs each check on them. In a
// step of testAccRun the TestCheckFunc runs right after the step's first
// plan, when exactly one read has reached the fake (see asPlan).
func testCheckRequests(fake *fakeapi.Server, action string, checks ...requestsCheck) resource.TestCheckFunc {
	return testCheckRequestsByAction(fake, map[string][]requestsCheck{action: checks})
}

// testCheckRequestsByAction is testCheckRequests for a step whose blocks
// call several actions: every request must be for one of them, each must
// have some, and its checks run on its own requests.
func testCheckRequestsByAction(fake *fakeapi.Server, checks map[string][]requestsCheck) resource.TestCheckFunc {
	actions := slices.Sorted(maps.Keys(checks))
	return func(*terraform.State) error {
		byAction := map[string][]fakeapi.Request{}
		for i, r := range fake.Requests() {
			if _, ok := checks[r.Action]; !ok {
				return fmt.Errorf("request %d: Action %q, want %s", i, r.Action, strings.Join(actions, " or "))
			}
			byAction[r.Action] = append(byAction[r.Action], r)
		}
		for _, action := range actions {
			reqs := byAction[action]
			if len(reqs) == 0 {
				return fmt.Errorf("the fake API received no %s request", action)
			}
			for _, check := range checks[action] {
				if err := check(reqs); err != nil {
					return fmt.Errorf("%s: %w", action, err)
				}
			}
		}
		return nil
	}
}

// wantRequestCount requires exactly n requests.
func wantRequestCount(n int) requestsCheck {
	return func(reqs []fakeapi.Request) error {
		if len(reqs) != n {
			seen := make([]string, len(reqs))
			for i, r := range reqs {
				seen[i] = r.Received.Format("15:04:05.000") + " " + describeParams(r)
			}
			return fmt.Errorf("the fake API received %d requests, want %d:\n%s", len(reqs), n, strings.Join(seen, "\n"))
		}
		return nil
	}
}

// wantParams requires every request to carry exactly the parameters in
// want, each once and with that value, and no other parameter besides the
// signing parameters and those named in ignore. So it proves both that each
// argument maps to its parameter and that nothing else (unset arguments,
// client-side filters) is sent.
func wantParams(want map[string]string, ignore ...string) requestsCheck {
	return func(reqs []fakeapi.Request) error {
		for i, r := range reqs {
			for name, value := range want {
				got, ok := r.Params[name]
				switch {
				case !ok:
					return fmt.Errorf("request %d: parameter %s missing, want %q (params: %s)", i, name, value, describeParams(r))
				case len(got) != 1 || got[0] != value:
					return fmt.Errorf("request %d: parameter %s = %q, want %q", i, name, got, value)
				}
			}
			for name := range r.Params {
				_, wanted := want[name]
				if !wanted && !slices.Contains(signingParams, name) && !slices.Contains(ignore, name) {
					return fmt.Errorf("request %d: unexpected parameter %s = %q (params: %s)", i, name, r.Params[name], describeParams(r))
				}
			}
		}
		return nil
	}
}

// describeParams lists a request's parameters, without the signature, for
// error messages.
func describeParams(r fakeapi.Request) string {
	names := make([]string, 0, len(r.Params))
	for name := range r.Params {
		if name != "Signature" && name != "PublicKey" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = name + "=" + strings.Join(r.Params[name], ",")
	}
	return strings.Join(parts, " ")
}

// phostPage is the paging window one DescribePHostImage request asked for.
type phostPage struct {
	Offset, Limit int
}

// phostPages returns the paging window of each request, sorted by offset
// (pages after the first are fetched concurrently, so arrival order is not
// fixed). An absent Offset is the API's default, 0; Limit must be present
// because the API's default page size (20) is not what the provider asks.
func phostPages(reqs []fakeapi.Request) ([]phostPage, error) {
	pages := make([]phostPage, len(reqs))
	for i, r := range reqs {
		offset := 0
		if s := r.Params.Get("Offset"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				return nil, fmt.Errorf("request %d: Offset %q is not a number", i, s)
			}
			offset = n
		}
		s := r.Params.Get("Limit")
		limit, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("request %d: Limit %q is missing or not a number", i, s)
		}
		pages[i] = phostPage{Offset: offset, Limit: limit}
	}
	slices.SortStableFunc(pages, func(a, b phostPage) int { return a.Offset - b.Offset })
	return pages, nil
}

// wantPageOffsets requires the requests to start at exactly these offsets
// (one request each), the first to ask for Limit 100 and none to ask for
// more than 100.
func wantPageOffsets(offsets ...int) requestsCheck {
	return func(reqs []fakeapi.Request) error {
		pages, err := phostPages(reqs)
		if err != nil {
			return err
		}
		got := make([]int, len(pages))
		for i, p := range pages {
			got[i] = p.Offset
			if p.Limit <= 0 || p.Limit > 100 {
				return fmt.Errorf("request at offset %d asked for Limit %d, want 1..100", p.Offset, p.Limit)
			}
		}
		if !slices.Equal(got, offsets) {
			return fmt.Errorf("requests at offsets %v, want %v", got, offsets)
		}
		if pages[0].Limit != 100 {
			return fmt.Errorf("first page asked for Limit %d, want 100", pages[0].Limit)
		}
		return nil
	}
}

// wantRequestsAtOffset requires exactly n requests at offset, e.g. a
// listing read twice.
func wantRequestsAtOffset(offset, n int) requestsCheck {
	return func(reqs []fakeapi.Request) error {
		pages, err := phostPages(reqs)
		if err != nil {
			return err
		}
		got := 0
		for _, p := range pages {
			if p.Offset == offset {
				got++
			}
		}
		if got != n {
			return fmt.Errorf("%d requests at offset %d, want %d", got, offset, n)
		}
		return nil
	}
}

// expectNoRequests fails the test if any request reached the fake: bad
// input must be refused before the API is called. Call it after
// resource.Test returns.
func expectNoRequests(t *testing.T, fake *fakeapi.Server) {
	t.Helper()
	if n := fake.RequestCount(""); n != 0 {
		t.Errorf("the fake API received %d requests, want none; first: %s", n, describeParams(fake.Requests()[0]))
	}
}

// errorRegexp matches Terraform error output that contains each phrase, in
// order. Terraform wraps diagnostics to the terminal width, so the words of
// a phrase may be separated by any white space, line breaks included.
func errorRegexp(phrases ...string) *regexp.Regexp {
	quoted := make([]string, len(phrases))
	for i, phrase := range phrases {
		words := strings.Fields(phrase)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		quoted[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, `.*`))
}
