package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// Benchmarks of the client's hot paths. Figures and how to read them are in
// BENCHMARKS.md; run them with `make bench` or
// `go test -run '^$' -bench . -benchmem ./internal/client`.

// benchImageCount is how many images the decode benchmarks read.
const benchImageCount = 10000

// benchPHostBody returns a DescribePHostImage answer holding n images from
// the fake's generator: mixed CreateTime formats, non-ASCII names, images
// with and without the BareMetal 2.0 fields.
func benchPHostBody(b *testing.B, n int) []byte {
	b.Helper()
	body, err := json.Marshal(struct {
		RetCode    int
		Action     string
		TotalCount int
		ImageSet   []fakeapi.PHostImage
	}{0, ActionDescribePHostImage + "Response", n, fakeapi.GeneratePHostImages(fakeapi.Zone, n)})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// benchUK8SBody returns a DescribeUK8SImage answer holding n images spread
// evenly over the four sets, cycled from the fake's default data set with
// distinct IDs.
func benchUK8SBody(b *testing.B, n int) []byte {
	b.Helper()
	catalog := fakeapi.New().UK8SImages()
	var sets [4][]fakeapi.UK8SImage
	for i := range n {
		img := catalog[i%len(catalog)]
		img.ImageId = fmt.Sprintf("%s-%05d", img.ImageId, i)
		sets[i%4] = append(sets[i%4], img)
	}
	body, err := json.Marshal(map[string]any{
		"RetCode":             0,
		"Action":              ActionDescribeUK8SImage + "Response",
		"ImageSet":            sets[0],
		"PHostImageSet":       sets[1],
		"CustomImageSet":      sets[2],
		"CustomPHostImageSet": sets[3],
	})
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkDecodePHostImages10000 decodes one 10,000-image answer through
// decodeAnswer, the path every successful call takes.
func BenchmarkDecodePHostImages10000(b *testing.B) {
	res := attemptResult{status: http.StatusOK, contentType: "application/json", body: benchPHostBody(b, benchImageCount)}
	b.SetBytes(int64(len(res.body)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := decodeAnswer[DescribePHostImageResponse](ActionDescribePHostImage, res)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.ImageSet) != benchImageCount {
			b.Fatalf("decoded %d images, want %d", len(out.ImageSet), benchImageCount)
		}
	}
}

// BenchmarkDecodeUK8SImages10000 decodes one answer of 10,000 images over
// the four sets through decodeAnswer.
func BenchmarkDecodeUK8SImages10000(b *testing.B) {
	res := attemptResult{status: http.StatusOK, contentType: "application/json", body: benchUK8SBody(b, benchImageCount)}
	b.SetBytes(int64(len(res.body)))
	b.ReportAllocs()
	for b.Loop() {
		out, err := decodeAnswer[DescribeUK8SImageResponse](ActionDescribeUK8SImage, res)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(out.ImageSet) + len(out.PHostImageSet) + len(out.CustomImageSet) + len(out.CustomPHostImageSet); n != benchImageCount {
			b.Fatalf("decoded %d images, want %d", n, benchImageCount)
		}
	}
}

// benchListingLatency is the delay the listing benchmark's server adds to
// every answer: small enough to keep the benchmark cheap, large enough to
// dominate the in-process costs, so ns/op shows the number of rounds.
const benchListingLatency = 2 * time.Millisecond

// BenchmarkListPHostImages1000Latency reads a 1,000-image listing served in
// pages of 50 with benchListingLatency per answer: 20 requests, of which
// the 19 after the first go out phostPagesInFlight at a time. Sequential
// paging would take at least 20 × latency per op; parallel paging about
// (1 + ceil(19/8)) × latency = 4 × latency.
//
// The server answers from pre-encoded pages, so ns/op is the client's cost
// plus the latency. Each op uses a new Client over one shared http.Client,
// so connections are reused between ops.
func BenchmarkListPHostImages1000Latency(b *testing.B) {
	const total, pageSize = 1000, 50
	images := fakeapi.GeneratePHostImages(fakeapi.Zone, total)
	pages := map[int][]byte{}
	for offset := 0; offset < total; offset += pageSize {
		body, err := json.Marshal(struct {
			RetCode    int
			Action     string
			TotalCount int
			ImageSet   []fakeapi.PHostImage
		}{0, ActionDescribePHostImage + "Response", total, images[offset : offset+pageSize]})
		if err != nil {
			b.Fatal(err)
		}
		pages[offset] = body
	}

	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		offset, _ := strconv.Atoi(r.PostFormValue("Offset")) // absent is 0
		body, ok := pages[offset]
		if !ok {
			http.Error(w, "unexpected offset", http.StatusBadRequest)
			return
		}
		time.Sleep(benchListingLatency)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	b.Cleanup(srv.Close)

	httpClient := srv.Client()
	httpClient.Transport.(*http.Transport).MaxIdleConnsPerHost = phostPagesInFlight //nolint:forcetypeassert // httptest's client always has an *http.Transport.
	req := DescribePHostImageRequest{Region: fakeapi.Region, Zone: fakeapi.Zone}
	ctx := context.Background()

	b.ReportAllocs()
	for b.Loop() {
		c, err := New(Config{
			BaseURL: srv.URL, PublicKey: fakeapi.PublicKey, PrivateKey: fakeapi.PrivateKey,
			RequestTimeout: 10 * time.Second, HTTPClient: httpClient,
		})
		if err != nil {
			b.Fatal(err)
		}
		got, err := c.ListPHostImages(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != total {
			b.Fatalf("listed %d images, want %d", len(got), total)
		}
	}
	b.ReportMetric(float64(requests.Load())/float64(b.N), "requests/op")
}
