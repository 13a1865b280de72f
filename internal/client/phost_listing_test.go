package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// pageRequest is one DescribePHostImage request as the server saw it.
type pageRequest struct {
	n             int32 // 1-based request number
	offset, limit int   // as sent; limit 0 when absent
	hasOffset     bool
	hasLimit      bool
	form          map[string]string
}

// pageAnswer is what a fake listing server returns for one request.
type pageAnswer struct {
	images    []PHostImage
	total     int
	omitTotal bool
	// retCode, when non-zero, answers an API error instead.
	retCode int
	// status, when non-zero, answers an HTML page with that status instead.
	status int
}

// phostFake serves DescribePHostImage from answer, counting requests and
// the most that were in flight at once.
type phostFake struct {
	hits        atomic.Int32
	inFlight    atomic.Int32
	maxInFlight atomic.Int32

	mu   sync.Mutex
	reqs []pageRequest
}

func newPHostFake(t *testing.T, delay time.Duration, answer func(req pageRequest) pageAnswer) (*phostFake, *Client) {
	t.Helper()
	f := &phostFake{}
	srv := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		cur := f.inFlight.Add(1)
		defer f.inFlight.Add(-1)
		for {
			m := f.maxInFlight.Load()
			if cur <= m || f.maxInFlight.CompareAndSwap(m, cur) {
				break
			}
		}

		form := readForm(t, r)
		req := pageRequest{n: f.hits.Add(1), form: map[string]string{}}
		for k, v := range form {
			req.form[k] = v[0]
		}
		if action := form.Get("Action"); action != ActionDescribePHostImage {
			t.Errorf("server: Action = %q", action)
		}
		if v, ok := req.form["Offset"]; ok {
			req.hasOffset = true
			req.offset, _ = strconv.Atoi(v)
		}
		if v, ok := req.form["Limit"]; ok {
			req.hasLimit = true
			req.limit, _ = strconv.Atoi(v)
		}
		f.mu.Lock()
		f.reqs = append(f.reqs, req)
		f.mu.Unlock()

		time.Sleep(delay)
		a := answer(req)
		switch {
		case a.status != 0:
			statusFault(a.status)(w)
			return
		case a.retCode != 0:
			writeJSON(w, http.StatusOK, "", apiErrorBody(ActionDescribePHostImage, a.retCode, "page fault"))
			return
		}
		body := map[string]any{"RetCode": 0, "Action": "DescribePHostImageResponse", "ImageSet": a.images}
		if !a.omitTotal {
			body["TotalCount"] = a.total
		}
		out, err := json.Marshal(body)
		if err != nil {
			t.Errorf("server: %v", err)
		}
		writeJSON(w, http.StatusOK, "", string(out))
	})
	return f, newTestClient(t, srv.URL, nil)
}

// requests returns the requests seen so far, ordered by request number.
func (f *phostFake) requests() []pageRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := slices.Clone(f.reqs)
	slices.SortFunc(out, func(a, b pageRequest) int { return int(a.n - b.n) })
	return out
}

// windows returns the (offset, limit) pairs requested, sorted by offset.
func (f *phostFake) windows() [][2]int {
	var out [][2]int
	for _, r := range f.requests() {
		out = append(out, [2]int{r.offset, r.limit})
	}
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	return out
}

// makeImages returns n images with IDs prefix-0000, prefix-0001 and so on.
func makeImages(prefix string, n int) []PHostImage {
	out := make([]PHostImage, n)
	for i := range out {
		out[i] = PHostImage{ImageID: fmt.Sprintf("%s-%04d", prefix, i), ImageName: fmt.Sprintf("image %d", i)}
	}
	return out
}

// window serves all[offset:offset+limit], limit defaulting to 20 and capped
// at pageCap when pageCap > 0.
func window(all []PHostImage, req pageRequest, pageCap int) []PHostImage {
	limit := req.limit
	if !req.hasLimit {
		limit = 20
	}
	if pageCap > 0 {
		limit = min(limit, pageCap)
	}
	start := min(req.offset, len(all))
	end := min(start+limit, len(all))
	return all[start:end]
}

// checkImages asserts got is exactly want, in order, without duplicates.
func checkImages(t *testing.T, got, want []PHostImage) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d images, want %d", len(got), len(want))
	}
	seen := map[string]bool{}
	for i := range got {
		if seen[got[i].ImageID] {
			t.Fatalf("image %s appears twice", got[i].ImageID)
		}
		seen[got[i].ImageID] = true
		if got[i].ImageID != want[i].ImageID || got[i].ImageName != want[i].ImageName {
			t.Fatalf("image %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestListPHostImagesPaging(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name        string
		count       int
		pageCap     int
		laterCap    int  // cap for offsets ≥ 100 only
		ignoreLimit bool // after the first page, answer up to 100 images whatever Limit says
		delay       time.Duration
		wantWindows [][2]int // nil: do not check
		wantReqs    int
		minInFlight int32
	}{
		{
			name: "137 images with Limit honoured", count: 137,
			wantWindows: [][2]int{{0, 100}, {100, 100}}, wantReqs: 2,
		},
		{
			name: "server caps pages at 30", count: 137, pageCap: 30,
			wantWindows: [][2]int{{0, 100}, {30, 100}, {60, 100}, {90, 100}, {120, 100}}, wantReqs: 5,
		},
		{
			name: "later pages shorter than the first", count: 250, laterCap: 30,
			wantWindows: [][2]int{{0, 100}, {100, 100}, {130, 100}, {160, 100}, {190, 100}, {200, 100}, {230, 100}}, wantReqs: 7,
		},
		{
			name: "exactly one page", count: 100,
			wantWindows: [][2]int{{0, 100}}, wantReqs: 1,
		},
		{
			name: "exactly two pages", count: 200,
			wantWindows: [][2]int{{0, 100}, {100, 100}}, wantReqs: 2,
		},
		{
			name: "1000 images in pages of 50", count: 1000, pageCap: 50, delay: 20 * time.Millisecond,
			wantReqs: 20, minInFlight: 2,
		},
		{
			name: "server ignores Limit, first page capped at 30", count: 137, pageCap: 30, ignoreLimit: true,
			wantReqs: 5,
		},
		{
			name: "empty listing", count: 0,
			wantWindows: [][2]int{{0, 100}}, wantReqs: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			all := makeImages("pimg", tt.count)
			f, c := newPHostFake(t, tt.delay, func(req pageRequest) pageAnswer {
				pageCap := tt.pageCap
				if tt.laterCap > 0 && req.offset >= 100 {
					pageCap = tt.laterCap
				}
				if tt.ignoreLimit && req.offset > 0 {
					req.limit, pageCap = 100, 0
				}
				return pageAnswer{images: window(all, req, pageCap), total: len(all)}
			})
			got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Region: "cn-bj2", Zone: "cn-bj2-02", ImageType: "Base"})
			if err != nil {
				t.Fatalf("ListPHostImages: %v", err)
			}
			checkImages(t, got, all)
			if got := int(f.hits.Load()); got != tt.wantReqs {
				t.Errorf("server saw %d requests, want %d: %v", got, tt.wantReqs, f.windows())
			}
			if tt.wantWindows != nil && !slices.Equal(f.windows(), tt.wantWindows) {
				t.Errorf("requested windows %v, want %v", f.windows(), tt.wantWindows)
			}
			if m := f.maxInFlight.Load(); m > 8 {
				t.Errorf("%d requests were in flight at once, want at most 8", m)
			}
			if m := f.maxInFlight.Load(); m < tt.minInFlight {
				t.Errorf("at most %d requests were in flight at once, want pages fetched concurrently (≥ %d)", m, tt.minInFlight)
			}
			// No window was asked twice, and every request carried the filters.
			offsets := map[int]bool{}
			for _, r := range f.requests() {
				if offsets[r.offset] {
					t.Errorf("offset %d requested twice", r.offset)
				}
				offsets[r.offset] = true
				if r.form["Zone"] != "cn-bj2-02" || r.form["Region"] != "cn-bj2" || r.form["ImageType"] != "Base" {
					t.Errorf("request %d lost the filters: %v", r.n, r.form)
				}
				if r.offset == 0 && r.hasOffset {
					t.Errorf("request %d sent Offset=0; zero is not sent", r.n)
				}
			}
		})
	}
}

func TestListPHostImagesIgnoresRequestWindow(t *testing.T) {
	t.Parallel()

	all := makeImages("pimg", 30)
	f, c := newPHostFake(t, 0, func(req pageRequest) pageAnswer {
		return pageAnswer{images: window(all, req, 0), total: len(all)}
	})
	got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z", Offset: 5, Limit: 3})
	if err != nil {
		t.Fatalf("ListPHostImages: %v", err)
	}
	checkImages(t, got, all)
	if w := f.windows(); !slices.Equal(w, [][2]int{{0, 100}}) {
		t.Errorf("requested windows %v, want [[0 100]]", w)
	}
}

func TestListPHostImagesWithoutTotalCount(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name        string
		count       int
		pageCap     int
		wantWindows [][2]int
	}{
		{name: "250 images", count: 250, wantWindows: [][2]int{{0, 100}, {100, 100}, {200, 100}, {250, 100}}},
		{name: "capped at 40", count: 90, pageCap: 40, wantWindows: [][2]int{{0, 100}, {40, 100}, {80, 100}, {90, 100}}},
		{name: "empty", count: 0, wantWindows: [][2]int{{0, 100}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			all := makeImages("pimg", tt.count)
			f, c := newPHostFake(t, 5*time.Millisecond, func(req pageRequest) pageAnswer {
				return pageAnswer{images: window(all, req, tt.pageCap), omitTotal: true}
			})
			got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
			if err != nil {
				t.Fatalf("ListPHostImages: %v", err)
			}
			checkImages(t, got, all)
			if w := f.windows(); !slices.Equal(w, tt.wantWindows) {
				t.Errorf("requested windows %v, want %v", w, tt.wantWindows)
			}
			if m := f.maxInFlight.Load(); m != 1 {
				t.Errorf("%d requests in flight at once, want sequential paging", m)
			}
		})
	}
}

func TestListPHostImagesChangedOnce(t *testing.T) {
	t.Parallel()

	before, after := makeImages("pimg", 137), makeImages("pimg", 140)
	// The first request sees the old listing, every later one the new.
	f, c := newPHostFake(t, 0, func(req pageRequest) pageAnswer {
		all := after
		if req.n == 1 {
			all = before
		}
		return pageAnswer{images: window(all, req, 0), total: len(all)}
	})
	rec := &recordingLogger{}
	c.log = rec

	got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
	if err != nil {
		t.Fatalf("ListPHostImages: %v", err)
	}
	checkImages(t, got, after)

	reqs := f.requests()
	var offsets []int
	for _, r := range reqs {
		offsets = append(offsets, r.offset)
	}
	// First read: page 0 (old), page 100 (new, TotalCount moved). The
	// re-read must ask the server for page 0 again.
	if !slices.Equal(offsets, []int{0, 100, 0, 100}) {
		t.Errorf("requested offsets %v, want [0 100 0 100]", offsets)
	}
	for _, r := range reqs {
		if r.limit != phostPageLimit {
			t.Errorf("page at offset %d asked Limit %d, want %d", r.offset, r.limit, phostPageLimit)
		}
	}

	sawReread := false
	for _, l := range rec.snapshot() {
		if l.level == "debug" && l.fields["reason"] != nil {
			sawReread = true
		}
	}
	if !sawReread {
		t.Errorf("no Debug line explained the re-read")
	}
}

// TestListPHostImagesInconsistent checks that a listing that keeps moving
// is read twice and reported as changed, while an inconsistency that the
// re-read repeats exactly is named as a defect of the answers.
func TestListPHostImagesInconsistent(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name    string
		answer  func(req pageRequest) pageAnswer
		want    error
		wantMsg string
		maxReqs int32
	}{
		{
			name: "TotalCount changes on every read",
			answer: func(req pageRequest) pageAnswer {
				all := makeImages("pimg", 130+int(req.n))
				return pageAnswer{images: window(all, req, 0), total: len(all)}
			},
			want: ErrListingChanged, wantMsg: "TotalCount moved from 133 to 134",
			maxReqs: 4,
		},
		{
			name: "a page repeats an image of an earlier page",
			answer: func(req pageRequest) pageAnswer {
				// 137 rows, of which row 100 repeats row 99.
				rows := makeImages("pimg", 136)
				rows = slices.Insert(rows, 100, rows[99])
				return pageAnswer{images: window(rows, req, 0), total: 137}
			},
			want: ErrListingDefect, wantMsg: "the page at Offset 100 repeats image pimg-0099 from an earlier page, on two reads in a row",
			maxReqs: 4,
		},
		{
			name: "first page empty but TotalCount positive",
			answer: func(pageRequest) pageAnswer {
				return pageAnswer{images: nil, total: 12}
			},
			want: ErrListingDefect, wantMsg: "the first page was empty but TotalCount was 12",
			maxReqs: 2,
		},
		{
			name: "later page empty before the end",
			answer: func(req pageRequest) pageAnswer {
				all := makeImages("pimg", 150)
				if req.offset >= 100 {
					return pageAnswer{total: 150}
				}
				return pageAnswer{images: window(all, req, 0), total: 150}
			},
			want: ErrListingDefect, wantMsg: "TotalCount was 150 but there were no images at Offset 100",
			maxReqs: 4,
		},
		{
			name: "first page holds more images than TotalCount",
			answer: func(req pageRequest) pageAnswer {
				all := makeImages("pimg", 120)
				return pageAnswer{images: window(all, req, 0), total: 50}
			},
			want: ErrListingDefect, wantMsg: "TotalCount was 50 but 100 images were read",
			maxReqs: 4,
		},
		{
			name: "each read repeats a different image",
			answer: func(req pageRequest) pageAnswer {
				rows := makeImages("pimg", 136)
				dup := 99
				if req.n > 2 {
					dup = 98
				}
				rows = slices.Insert(rows, 100, rows[dup])
				return pageAnswer{images: window(rows, req, 0), total: 137}
			},
			want: ErrListingChanged, wantMsg: "repeats image pimg-0098",
			maxReqs: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, c := newPHostFake(t, 0, tt.answer)
			got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
			if !errors.Is(err, tt.want) || !strings.Contains(fmt.Sprint(err), tt.wantMsg) {
				t.Fatalf("ListPHostImages = %d images, error %v; want an error wrapping %q and saying %q", len(got), err, tt.want, tt.wantMsg)
			}
			if got != nil {
				t.Errorf("got %d images alongside the error, want none", len(got))
			}
			if n := f.hits.Load(); n > tt.maxReqs || n < 2 {
				t.Errorf("server saw %d requests, want two reads (2..%d)", n, tt.maxReqs)
			}
		})
	}
}

// TestListPHostImagesDefects checks that answers one page proves wrong are
// refused at once, naming the defect, without a re-read, and that a
// billion-image TotalCount costs one request.
func TestListPHostImagesDefects(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name     string
		answer   func(req pageRequest) pageAnswer
		wantMsg  string
		wantReqs int32
	}{
		{
			name:     "negative TotalCount",
			answer:   func(pageRequest) pageAnswer { return pageAnswer{images: makeImages("pimg", 3), total: -5} },
			wantMsg:  "the answer claims TotalCount -5, which no listing can have",
			wantReqs: 1,
		},
		{
			name:     "a billion images",
			answer:   func(pageRequest) pageAnswer { return pageAnswer{images: makeImages("pimg", 100), total: 1_000_000_000} },
			wantMsg:  "the answer claims TotalCount 1000000000, more than the 10000 images one listing may read",
			wantReqs: 1,
		},
		{
			name:     "too many pages for the ceiling",
			answer:   func(pageRequest) pageAnswer { return pageAnswer{images: makeImages("pimg", 1), total: 5000} },
			wantMsg:  "the answer claims TotalCount 5000 in pages of 1, more than the 500 requests one listing may send",
			wantReqs: 1,
		},
		{
			name: "the same ID twice in one page",
			answer: func(pageRequest) pageAnswer {
				rows := makeImages("pimg", 5)
				rows[3] = rows[1]
				return pageAnswer{images: rows, total: 5}
			},
			wantMsg:  "the page at Offset 0 lists image pimg-0001 twice",
			wantReqs: 1,
		},
		{
			name: "Offset ignored",
			answer: func(req pageRequest) pageAnswer {
				req.offset = 0
				return pageAnswer{images: window(makeImages("pimg", 150), req, 0), total: 150}
			},
			wantMsg:  "the page at Offset 100 repeats the first page: the server ignores Offset",
			wantReqs: 2,
		},
		{
			name: "Offset ignored without TotalCount",
			answer: func(pageRequest) pageAnswer {
				return pageAnswer{images: makeImages("pimg", 10), omitTotal: true}
			},
			wantMsg:  "the page at Offset 10 repeats the first page: the server ignores Offset",
			wantReqs: 2,
		},
		{
			name: "endless listing without TotalCount",
			answer: func(req pageRequest) pageAnswer {
				return pageAnswer{images: makeImages(fmt.Sprintf("p%d", req.offset), 100), omitTotal: true}
			},
			wantMsg:  "the listing holds more than the 10000 images one listing may read",
			wantReqs: 101,
		},
		{
			name: "one image per page without TotalCount",
			answer: func(req pageRequest) pageAnswer {
				return pageAnswer{images: makeImages(fmt.Sprintf("p%d", req.offset), 1), omitTotal: true}
			},
			wantMsg:  "the listing needs more than the 500 requests one read may send",
			wantReqs: 500,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, c := newPHostFake(t, 0, tt.answer)
			got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
			if !errors.Is(err, ErrListingDefect) || !strings.Contains(fmt.Sprint(err), tt.wantMsg) {
				t.Fatalf("ListPHostImages = %d images, error %v; want ErrListingDefect saying %q", len(got), err, tt.wantMsg)
			}
			if errors.Is(err, ErrListingChanged) {
				t.Errorf("a defect reported as a changed listing: %v", err)
			}
			if n := f.hits.Load(); n != tt.wantReqs {
				t.Errorf("server saw %d requests, want %d (no re-read)", n, tt.wantReqs)
			}
		})
	}
}

// TestListPHostImagesHugeTotalCountMemory checks that memory stays flat
// whatever TotalCount claims. It does not run in parallel, so that the
// process's allocation counter sees this listing only.
func TestListPHostImagesHugeTotalCountMemory(t *testing.T) {
	_, c := newPHostFake(t, 0, func(pageRequest) pageAnswer {
		return pageAnswer{images: makeImages("pimg", 100), total: math.MaxInt32}
	})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrListingDefect) {
		t.Fatalf("error %v, want ErrListingDefect", err)
	}
	// One page of 100 images and an HTTP exchange are well under 4 MiB; a
	// list of page starts for 2^31 images would be gigabytes.
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 4<<20 {
		t.Errorf("the listing allocated %d bytes, want under 4 MiB", grew)
	}
}

func TestListPHostImagesPageErrors(t *testing.T) {
	t.Parallel()

	all := makeImages("pimg", 1000)
	tests := []struct {
		name    string
		fault   func(req pageRequest, faults *atomic.Int32) (pageAnswer, bool)
		wantErr func(t *testing.T, err error)
	}{
		{
			name: "permanent error on a middle page",
			fault: func(req pageRequest, _ *atomic.Int32) (pageAnswer, bool) {
				return pageAnswer{retCode: 230}, req.offset == 500
			},
			wantErr: func(t *testing.T, err error) {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.RetCode != 230 {
					t.Errorf("error %v is not the middle page's RetCode 230", err)
				}
				if errors.Is(err, ErrListingChanged) {
					t.Errorf("a page error reported as a changed listing: %v", err)
				}
			},
		},
		{
			name: "retryable RetCode once on a middle page",
			fault: func(req pageRequest, faults *atomic.Int32) (pageAnswer, bool) {
				return pageAnswer{retCode: 150}, req.offset == 500 && faults.Add(1) == 1
			},
		},
		{
			name: "HTTP 502 once on a middle page",
			fault: func(req pageRequest, faults *atomic.Int32) (pageAnswer, bool) {
				return pageAnswer{status: 502}, req.offset == 700 && faults.Add(1) == 1
			},
		},
		{
			name: "permanent error on the first page",
			fault: func(req pageRequest, _ *atomic.Int32) (pageAnswer, bool) {
				return pageAnswer{retCode: 171}, req.offset == 0
			},
			wantErr: func(t *testing.T, err error) {
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.RetCode != 171 {
					t.Errorf("error %v is not the first page's RetCode 171", err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var faults atomic.Int32
			f, c := newPHostFake(t, 0, func(req pageRequest) pageAnswer {
				if a, ok := tt.fault(req, &faults); ok {
					return a
				}
				return pageAnswer{images: window(all, req, 0), total: len(all)}
			})
			got, err := c.ListPHostImages(t.Context(), DescribePHostImageRequest{Zone: "z"})
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("got %d images, want an error", len(got))
				}
				if got != nil {
					t.Errorf("got %d images alongside the error", len(got))
				}
				tt.wantErr(t, err)
				return
			}
			if err != nil {
				t.Fatalf("ListPHostImages: %v", err)
			}
			checkImages(t, got, all)
			if n := f.hits.Load(); n != 11 {
				t.Errorf("server saw %d requests, want 10 pages + 1 retry", n)
			}
		})
	}
}

func TestMergePages(t *testing.T) {
	t.Parallel()

	img := func(id, name string) PHostImage { return PHostImage{ImageID: id, ImageName: name} }
	tests := []struct {
		name    string
		first   []PHostImage
		rest    [][]PHostImage
		want    []string // ID/name pairs as "id:name"
		wantErr string
	}{
		{name: "nothing", want: nil},
		{name: "keeps order", first: []PHostImage{img("a", "1"), img("b", "2")}, rest: [][]PHostImage{{img("c", "3")}, {img("d", "4")}},
			want: []string{"a:1", "b:2", "c:3", "d:4"}},
		{name: "a later page repeats an image", first: []PHostImage{img("a", "1"), img("b", "2")}, rest: [][]PHostImage{{img("c", "3")}, {img("b", "dup")}},
			wantErr: "the page at Offset 4 repeats image b from an earlier page"},
		{name: "images without ID all kept", first: []PHostImage{img("", "x"), img("", "y")}, rest: [][]PHostImage{{img("", "z")}},
			want: []string{":x", ":y", ":z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			merged, err := mergePages(2, tt.first, tt.rest)
			if tt.wantErr != "" {
				var moved *listingMovedError
				if !errors.As(err, &moved) || moved.detail != tt.wantErr || !moved.recurring {
					t.Fatalf("mergePages error = %#v, want a recurring %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("mergePages: %v", err)
			}
			var got []string
			for _, i := range merged {
				got = append(got, i.ImageID+":"+i.ImageName)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("mergePages = %v, want %v", got, tt.want)
			}
		})
	}
}
