package salesmetrics

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

// An Option changes how Dial connects: plaintext unless WithCAFile is given.
type Option func(*connection)

// WithCAFile turns TLS on: the server's certificate must verify with the CAs
// of this PEM file.
func WithCAFile(path string) Option { return func(c *connection) { c.caFile = path } }

// WithClientCertificate presents the certificate and key of these PEM files,
// for mutual TLS (with WithCAFile).
func WithClientCertificate(certFile, keyFile string) Option {
	return func(c *connection) { c.certFile, c.keyFile = certFile, keyFile }
}

// WithServerName verifies the server's certificate against name instead of
// the host of the address (with WithCAFile).
func WithServerName(name string) Option { return func(c *connection) { c.serverName = name } }

// WithToken sends "authorization: Bearer <token>" with every call, streams
// included. Without TLS, Dial refuses it unless the address is loopback
// (localhost, 127.0.0.0/8, ::1).
func WithToken(token string) Option { return func(c *connection) { c.token = token } }

// connection is what the options say.
type connection struct {
	caFile, certFile, keyFile, serverName, token string
}

// dialOptions are the grpc.Dial options of c. Errors name the option, never
// show the token.
func (c *connection) dialOptions(address string) ([]grpc.DialOption, error) {
	if (c.certFile != "" || c.keyFile != "" || c.serverName != "") && c.caFile == "" {
		return nil, errors.New("salesmetrics: WithClientCertificate and WithServerName need WithCAFile (which turns TLS on)")
	}
	transport := grpc.WithInsecure()
	if c.caFile != "" {
		config, err := c.tlsConfig()
		if err != nil {
			return nil, err
		}
		transport = grpc.WithTransportCredentials(credentials.NewTLS(config))
	}
	options := []grpc.DialOption{transport}
	if c.token != "" {
		if strings.IndexFunc(c.token, func(r rune) bool { return r <= ' ' || r > '~' }) >= 0 {
			return nil, errors.New("salesmetrics: WithToken: the token must be printable ASCII without spaces (it is not shown)")
		}
		options = append(options, grpc.WithPerRPCCredentials(bearerToken{c.token, !isLoopback(address)}))
	}
	return options, nil
}

func (c *connection) tlsConfig() (*tls.Config, error) {
	pem, err := os.ReadFile(c.caFile)
	if err != nil {
		return nil, fmt.Errorf("salesmetrics: WithCAFile: %w", err)
	}
	config := &tls.Config{RootCAs: x509.NewCertPool(), ServerName: c.serverName, MinVersion: tls.VersionTLS12}
	if !config.RootCAs.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("salesmetrics: WithCAFile: no PEM certificate in %s", c.caFile)
	}
	if c.certFile != "" || c.keyFile != "" {
		certificate, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
		if err != nil {
			return nil, fmt.Errorf("salesmetrics: WithClientCertificate: %w", err)
		}
		config.Certificates = []tls.Certificate{certificate}
	}
	return config, nil
}

// bearerToken is the token as per-RPC credentials; grpc.Dial refuses them
// on a plaintext connection when they require transport security.
type bearerToken struct {
	token      string
	requireTLS bool
}

func (b bearerToken) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

func (b bearerToken) RequireTransportSecurity() bool { return b.requireTLS }

// isLoopback says whether address ("host:port", "[::1]:port",
// "dns:///host:port", "unix:path") is this machine's.
func isLoopback(address string) bool {
	if strings.HasPrefix(address, "unix:") {
		return true
	}
	address = strings.TrimPrefix(address, "dns:///")
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}
