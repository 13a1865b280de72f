package provider

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The sharing policy, written down once (DESIGN.md and the data source
// pages repeat it for users): within one provider process, which Terraform
// starts for one operation (a plan, or an apply), identical look-ups share
// one listing. "Identical" is the whole API query: action, region, zone,
// project and every argument sent to the API. A look-up made while the
// same one is in flight waits for it; one made later reuses its answer.
// Failed reads are never kept, so the next identical look-up asks again.
// Client-side filters, order and pick run per block on the shared listing,
// which nobody modifies.

// sharedReads holds the listings of one provider process. It is safe for
// concurrent use.
//
// NOTE: golang.org/x/sync/singleflight does not fit here: it runs the read
// on the first caller's context, so that caller giving up fails everyone
// waiting, and it cannot tell when the last waiter has left. Here a read
// runs on a context of its own, cancelled when its last waiter leaves.
type sharedReads struct {
	mu      sync.Mutex
	done    map[string]any
	flights map[string]*readFlight
}

// readFlight is one read in progress and the callers waiting for it.
type readFlight struct {
	finished chan struct{}
	cancel   context.CancelFunc
	waiters  int
	// value and err are set before finished is closed.
	value any
	err   error
}

func newSharedReads() *sharedReads {
	return &sharedReads{done: map[string]any{}, flights: map[string]*readFlight{}}
}

// readKey identifies a query: the action and the request, whose fields
// are every parameter sent.
func readKey(action string, request any) string {
	b, err := json.Marshal(request)
	if err != nil {
		panic("provider bug: request not encodable: " + err.Error()) // plain structs of strings always are
	}
	return action + " " + string(b)
}

// shareRead returns the answer to the query key: a kept one, the one in
// flight, or a new one from read. A caller whose ctx ends stops waiting at
// once; the read goes on for the others.
func shareRead[V any](ctx context.Context, s *sharedReads, key string, read func(context.Context) (V, error)) (V, error) {
	var zero V
	s.mu.Lock()
	if v, ok := s.done[key]; ok {
		s.mu.Unlock()
		tflog.Debug(ctx, "result reused from an identical look-up", map[string]any{"query": key})
		return v.(V), nil //nolint:forcetypeassert // Only shareRead[V] stores under a key of V's action.
	}
	f := s.flights[key]
	if f == nil {
		f = s.start(ctx, key, func(ctx context.Context) (any, error) { return read(ctx) })
	}
	f.waiters++
	s.mu.Unlock()

	select {
	case <-f.finished:
		if f.err != nil {
			return zero, f.err
		}
		return f.value.(V), nil //nolint:forcetypeassert // As above.
	case <-ctx.Done():
		s.leave(key, f)
		return zero, ctx.Err()
	}
}

// start launches the read for key on a context that keeps ctx's values
// (loggers) but not its cancellation. s.mu must be held.
func (s *sharedReads) start(ctx context.Context, key string, read func(context.Context) (any, error)) *readFlight {
	readCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	f := &readFlight{finished: make(chan struct{}), cancel: cancel}
	s.flights[key] = f
	go func() {
		defer cancel()
		value, err := read(readCtx)
		s.mu.Lock()
		if s.flights[key] == f {
			delete(s.flights, key)
		}
		if err == nil {
			s.done[key] = value
		}
		f.value, f.err = value, err
		s.mu.Unlock()
		close(f.finished)
	}()
	return f
}

// leave records that a waiter gave up. The last one to leave cancels the
// read, and a caller that comes later starts a new one.
func (s *sharedReads) leave(key string, f *readFlight) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.waiters--
	if f.waiters > 0 {
		return
	}
	f.cancel()
	if s.flights[key] == f {
		delete(s.flights, key)
	}
}
