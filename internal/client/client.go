// Package client is a small, stateless UCloud API client, like an SDK: it
// signs requests, sends them, retries transient faults, decodes answers and
// pages through listings. It knows nothing of Terraform: defaults and the
// sharing of identical reads are the provider's.
package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// DefaultBaseURL is UCloud's public API endpoint.
const DefaultBaseURL = "https://api.ucloud.cn"

// Logger receives the client's structured log lines. The provider backs it
// with tflog; fields never hold the private key or a signature.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// Config is everything a Client needs.
type Config struct {
	BaseURL        string
	PublicKey      string
	PrivateKey     string
	MaxRetries     int
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
	endpoint string
	http     *http.Client
	log      Logger
	backoff  backoffPolicy
}

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errors.New("base URL must be an absolute http or https URL, got " + cfg.BaseURL)
	}
	if cfg.PublicKey == "" || cfg.PrivateKey == "" {
		return nil, errors.New("both a public key and a private key are required")
	}
	if cfg.MaxRetries < 0 {
		cfg.MaxRetries = 0
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = cleanhttp.DefaultPooledClient()
	}
	logger := cfg.Logger
	if logger == nil {
		logger = discardLogger{}
	}
	return &Client{
		cfg:      cfg,
		endpoint: u.String(),
		http:     httpClient,
		log:      logger,
		backoff:  defaultBackoff,
	}, nil
}

// discardLogger drops every line.
type discardLogger struct{}

func (discardLogger) Debug(context.Context, string, map[string]any) {}
func (discardLogger) Trace(context.Context, string, map[string]any) {}
