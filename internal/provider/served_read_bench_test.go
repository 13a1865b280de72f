package provider

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

// BenchmarkServedReadPHostImages10000 is one whole read as Terraform asks
// for it: a fresh provider served on protocol 6 as main.go serves it, ConfigureProvider, then
// ReadDataSource of a block with no arguments over 10,000 images from an
// in-process fake with no latency. It includes paging, decoding, the
// selection, building state, the framework's passes after Read and the
// msgpack encoding of the answer; `make bench` times the same read inside
// terraform plan (scenario large). The fake's answers are replayed after
// the first read, so that its own work stays out of the figures.
func BenchmarkServedReadPHostImages10000(b *testing.B) {
	fake := fakeapi.New()
	fake.SetPHostImages(fakeapi.GeneratePHostImages(fakeapi.Zone, benchImageCount))
	srv := httptest.NewServer(&replay{next: fake})
	b.Cleanup(srv.Close)

	read := func() {
		// A fresh process each time, so no answer is shared between reads.
		server := NewProtocol6Server("bench")()
		typ := configuredServer(b, server, srv.URL)
		resp, err := server.ReadDataSource(b.Context(), &tfprotov6.ReadDataSourceRequest{
			TypeName: "ucloud_phost_images", Config: protocolValue(b, typ, nil),
		})
		if err != nil || len(resp.Diagnostics) > 0 || resp.State == nil {
			b.Fatalf("ReadDataSource: %v %v", err, resp.Diagnostics)
		}
	}
	read() // records the fake's answers, before the timer starts

	b.ReportAllocs()
	for b.Loop() {
		read()
	}
}

// replay answers each distinct request body as next first answered it.
// Requests are signed from their parameters alone, so a repeated read
// sends the same bodies.
type replay struct {
	next    http.Handler
	answers sync.Map // request body -> *httptest.ResponseRecorder
}

func (r *replay) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	got, ok := r.answers.Load(string(body))
	if !ok {
		rec := httptest.NewRecorder()
		req.Body = io.NopCloser(bytes.NewReader(body))
		r.next.ServeHTTP(rec, req)
		got, _ = r.answers.LoadOrStore(string(body), rec)
	}
	rec := got.(*httptest.ResponseRecorder) //nolint:forcetypeassert // Only recorders are stored.
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes()) // the client sees a short write as its own error
}
