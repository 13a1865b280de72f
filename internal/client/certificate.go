package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
)

// CertificateError is a TLS certificate that did not verify. It is final:
// retrying cannot make a certificate valid.
type CertificateError struct {
	Action string
	// Endpoint is base_url, redacted.
	Endpoint string
	Err      error
}

// Error says what failed and how to trust a private CA.
func (e *CertificateError) Error() string {
	return fmt.Sprintf("UCloud API action %s: the TLS certificate of %s did not verify: %v. "+
		"If base_url uses a certificate from a private CA, trust that CA: on Linux and BSD point the SSL_CERT_FILE "+
		"environment variable at a PEM file holding it (or SSL_CERT_DIR at a directory of them); on macOS and Windows "+
		"add it to the system's trust store", e.Action, e.Endpoint, e.Err)
}

// Unwrap returns the verification error.
func (e *CertificateError) Unwrap() error { return e.Err }

// isCertificateFailure reports whether err is a failed certificate check
// rather than a network fault.
func isCertificateFailure(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	return errors.As(err, &verifyErr) || errors.As(err, &unknownAuthority) ||
		errors.As(err, &hostname) || errors.As(err, &invalid)
}
