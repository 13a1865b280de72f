// Command fakeapi serves the fake UCloud API (internal/fakeapi) on
// 127.0.0.1 for the demo and the benchmarks.
//
//	go run ./internal/cmd/fakeapi [-addr 127.0.0.1:0] [-latency 100ms] \
//	    [-max-page-size N] [-phost-images N] [-count-file PATH] \
//	    [-throttle-for 20s] [-rate-limit 20 [-rate-burst N]] [-refused-file PATH]
//
// Once listening it prints exactly one line, its base URL
// (http://127.0.0.1:PORT), to stdout. It exits cleanly on SIGINT, SIGTERM or
// when stdin reaches end of file, so a parent script can stop it by closing
// the pipe it writes to. A stdin that is /dev/null (what a shell gives a
// background job) is not watched, or the server would stop at once.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/ucloud-community/terraform-provider-ucloud/internal/fakeapi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var stdin io.Reader = os.Stdin
	if isDevNull(os.Stdin) {
		stdin = nil
	}
	if err := run(ctx, os.Args[1:], stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakeapi:", err)
		stop()
		os.Exit(1)
	}
}

// isDevNull reports whether f is /dev/null.
func isDevNull(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(fi, null)
}

// run serves until ctx ends or stdin (if not nil) reaches end of file.
func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("fakeapi", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "listen address; the host must be 127.0.0.1")
	latency := fs.Duration("latency", 0, "delay added before every response")
	maxPage := fs.Int("max-page-size", 0, "most images per DescribePHostImage answer, whatever Limit says (0: no cap)")
	phostImages := fs.Int("phost-images", 0, "replace the bare-metal images of "+fakeapi.Zone+" by this many generated ones (0: keep the default 137)")
	countFile := fs.String("count-file", "", "on exit, write the number of requests received to this file")
	throttleFor := fs.Duration("throttle-for", 0, "answer RetCode 153 to every request during this long after the first one")
	rateLimit := fs.Float64("rate-limit", 0, "answer RetCode 153 to requests beyond this many per second (0: no limit)")
	rateBurst := fs.Int("rate-burst", 0, "bursts the rate limit lets through (0: one second's worth)")
	refusedFile := fs.String("refused-file", "", "on exit, write the number of requests refused with RetCode 153 to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	// Only loopback: the fake accepts a published key pair and must not be
	// reachable from the network.
	if host, _, err := net.SplitHostPort(*addr); err != nil || host != "127.0.0.1" {
		return fmt.Errorf("-addr %q: must be 127.0.0.1:PORT", *addr)
	}

	srv := fakeapi.New()
	srv.SetLatency(*latency)
	srv.SetMaxPageSize(*maxPage)
	srv.SetThrottleWindow(*throttleFor)
	srv.SetRateLimit(*rateLimit, cmp.Or(*rateBurst, int(*rateLimit)))
	if *phostImages > 0 {
		var images []fakeapi.PHostImage
		for _, img := range srv.PHostImages() {
			if img.Zone != fakeapi.Zone {
				images = append(images, img)
			}
		}
		srv.SetPHostImages(append(fakeapi.GeneratePHostImages(fakeapi.Zone, *phostImages), images...))
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", *addr)
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	if _, err := fmt.Fprintf(stdout, "http://%s\n", ln.Addr()); err != nil {
		_ = hs.Close()
		return err
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if stdin != nil {
		go func() {
			_, _ = io.Copy(io.Discard, stdin) // returns at end of file (or on error)
			cancel()
		}()
	}

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	shutdownCtx, done := context.WithTimeout(context.Background(), 5*time.Second)
	defer done()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		_ = hs.Close()
	}

	for path, n := range map[string]int{*countFile: srv.RequestCount(""), *refusedFile: srv.RefusedCount()} {
		if path == "" {
			continue
		}
		if err := os.WriteFile(path, []byte(strconv.Itoa(n)), 0o600); err != nil {
			return err
		}
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}
