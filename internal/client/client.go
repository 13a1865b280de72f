// Package client is a small UCloud API client: it signs requests, retries
// transient faults, shares identical reads and pages through listings. It
// knows nothing of Terraform.
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

// Config is everything a Client needs. Region, Zone and ProjectID are the
// defaults that callers fall back to when a call does not set its own.
type Config struct {
	BaseURL        string
	PublicKey      string
	PrivateKey     string
	Region         string
	Zone           string
	ProjectID      string
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
	endpoint *url.URL
	http     *http.Client
	log      Logger
	cache    *responseCache
	backoff  backoffPolicy
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
		cfg.RequestTimeout = 30 * time.Second
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
		cache:    newResponseCache(),
		backoff:  defaultBackoff,
	}, nil
}

// Region is the default region for calls that do not set one.
func (c *Client) Region() string { return c.cfg.Region }

// Zone is the default zone for calls that do not set one; it may be empty.
func (c *Client) Zone() string { return c.cfg.Zone }

// ProjectID is the default project for calls that do not set one; empty
// means the account's default project.
func (c *Client) ProjectID() string { return c.cfg.ProjectID }

// discardLogger drops every line.
type discardLogger struct{}

func (discardLogger) Debug(context.Context, string, map[string]any) {}
func (discardLogger) Trace(context.Context, string, map[string]any) {}
