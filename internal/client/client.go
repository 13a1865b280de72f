// Package client is a small, stateless UCloud API client, like an SDK: it
// signs requests, sends them, retries transient faults, decodes answers and
// pages through listings. It knows nothing of Terraform: defaults and the
// sharing of identical reads are the provider's.
package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// DefaultBaseURL is UCloud's public API endpoint.
const DefaultBaseURL = "https://api.ucloud.cn"

// DefaultRequestTimeout bounds one attempt: UCloud's gateway itself gives
// up with RetCode 110 after 60 s.
const DefaultRequestTimeout = 60 * time.Second

// DefaultRetryTimeout is the retry budget of one call: enough to ride out
// well over a minute of rate limiting.
const DefaultRetryTimeout = 2 * time.Minute

// MaxRequestTimeout bounds the per-request timeout. The API gateway gives up
// on a request after 60 s; an hour leaves room for slow links without
// letting a misread setting hold a plan for days.
const MaxRequestTimeout = time.Hour

// Logger receives the client's structured log lines. The provider backs it
// with tflog; fields never hold the private key or a signature.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// Config is everything a Client needs.
type Config struct {
	BaseURL    string
	PublicKey  string
	PrivateKey string
	// MaxRetries bounds the retries of transient faults; rate-limit
	// refusals are retried until RetryTimeout instead.
	MaxRetries int
	// RetryTimeout is how long after the first attempt a retry may start.
	RetryTimeout   time.Duration
	RequestTimeout time.Duration
	UserAgent      string
	// HTTPClient is optional; by default a pooled client with sane
	// transport timeouts and no shared global state is used.
	HTTPClient *http.Client
	// Logger is optional; nil discards log lines.
	Logger Logger
}

// Client is immutable after New and safe for concurrent use.
type Client struct {
	cfg      Config
	endpoint *url.URL
	http     *http.Client
	log      Logger
	backoff  backoffPolicy
	// throttle paces every call of this client, so of the whole provider
	// process, which configures one.
	throttle *throttle
}

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := parseEndpoint(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.PublicKey == "" || cfg.PrivateKey == "" {
		return nil, errors.New("both a public key and a private key are required")
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.RetryTimeout <= 0 {
		cfg.RetryTimeout = DefaultRetryTimeout
	}
	if cfg.RequestTimeout > MaxRequestTimeout {
		return nil, fmt.Errorf("request timeout %s is longer than the maximum of %s", cfg.RequestTimeout, MaxRequestTimeout)
	}
	httpClient := cleanhttp.DefaultPooledClient()
	if cfg.HTTPClient != nil {
		httpClient = cfg.HTTPClient
	}
	logger := cfg.Logger
	if logger == nil {
		logger = discardLogger{}
	}
	return &Client{
		cfg:      cfg,
		endpoint: u,
		http:     withoutRedirects(httpClient),
		log:      logger,
		backoff:  defaultBackoff,
		throttle: newThrottle(defaultThrottle),
	}, nil
}

// discardLogger drops every line.
type discardLogger struct{}

func (discardLogger) Debug(context.Context, string, map[string]any) {}
func (discardLogger) Trace(context.Context, string, map[string]any) {}
