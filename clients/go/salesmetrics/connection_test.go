// The connection options against a server of the test's own, in plaintext,
// TLS and mutual TLS, with the throwaway certificates of
// $SALESMETRICS_MAKE_TEST_CERTIFICATES (tests/support/make-test-certificates.sh):
// what the server sees of the token (unary calls and the stream) and of the
// client certificate, the connections that must fail, and the errors a
// server refusing a caller answers.
package salesmetrics_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"

	pb "salesmetrics/gen/salesmetrics/v1"
	"salesmetrics/go/salesmetrics"
)

const testToken = "s3cr3t-T0ken"

var certificates string // the directory, made by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "salesmetrics-certificates-")
	if err == nil {
		certificates = dir
		err = exec.Command(os.Getenv("SALESMETRICS_MAKE_TEST_CERTIFICATES"), dir).Run()
	}
	if err != nil {
		println("making the test certificates ($SALESMETRICS_MAKE_TEST_CERTIFICATES):", err.Error())
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func certificate(name string) string { return filepath.Join(certificates, name) }

func authorization(ctx context.Context) string {
	md, _ := metadata.FromIncomingContext(ctx)
	if values := md.Get("authorization"); len(values) > 0 {
		return values[0]
	}
	return ""
}

// echoMetrics answers ListMetrics with one metric named after the call's
// authorization and described by the client certificate's common name;
// ComputeMetric fails with the status code its metric is the number of.
type echoMetrics struct {
	pb.UnimplementedMetricsServiceServer
}

func (echoMetrics) ListMetrics(ctx context.Context, _ *pb.ListMetricsRequest) (*pb.ListMetricsResponse, error) {
	commonName := ""
	if p, ok := peer.FromContext(ctx); ok {
		if info, ok := p.AuthInfo.(credentials.TLSInfo); ok && len(info.State.PeerCertificates) > 0 {
			commonName = info.State.PeerCertificates[0].Subject.CommonName
		}
	}
	return &pb.ListMetricsResponse{Metrics: []*pb.Metric{{Name: authorization(ctx), Description: commonName}}}, nil
}

func (echoMetrics) ComputeMetric(_ context.Context, r *pb.ComputeMetricRequest) (*pb.ComputeMetricResponse, error) {
	code, _ := strconv.Atoi(r.GetMetric())
	return nil, status.Error(codes.Code(code), "refused by the test")
}

// echoAlerts streams one event whose alert's message is the call's authorization.
type echoAlerts struct {
	pb.UnimplementedAlertServiceServer
}

func (echoAlerts) WatchAlerts(_ *pb.WatchAlertsRequest, stream pb.AlertService_WatchAlertsServer) error {
	return stream.Send(&pb.WatchAlertsResponse{Alert: &pb.Alert{Message: authorization(stream.Context())}})
}

type transport int

const (
	plaintext transport = iota
	serverTLS
	mutualTLS
)

// serve starts the echo server on a loopback port and returns its address.
func serve(t *testing.T, how transport) string {
	t.Helper()
	var options []grpc.ServerOption
	if how != plaintext {
		pair, err := tls.LoadX509KeyPair(certificate("server.pem"), certificate("server.key"))
		if err != nil {
			t.Fatal(err)
		}
		config := &tls.Config{Certificates: []tls.Certificate{pair}}
		if how == mutualTLS {
			ca, _ := os.ReadFile(certificate("ca.pem"))
			config.ClientCAs = x509.NewCertPool()
			config.ClientCAs.AppendCertsFromPEM(ca)
			config.ClientAuth = tls.RequireAndVerifyClientCert
		}
		options = append(options, grpc.Creds(credentials.NewTLS(config)))
	}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer(options...)
	pb.RegisterMetricsServiceServer(server, echoMetrics{})
	pb.RegisterAlertServiceServer(server, echoAlerts{})
	go server.Serve(listener)
	t.Cleanup(server.Stop)
	return listener.Addr().String()
}

func dial(t *testing.T, address string, options ...salesmetrics.Option) *salesmetrics.Client {
	t.Helper()
	client, err := salesmetrics.Dial(address, options...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// echo is what the server echoes of a ListMetrics that must succeed.
func echo(t *testing.T, client *salesmetrics.Client) *pb.Metric {
	t.Helper()
	metrics, err := client.ListMetrics(context.Background())
	if err != nil || len(metrics) != 1 {
		t.Fatalf("ListMetrics: %v, %v", metrics, err)
	}
	return metrics[0]
}

func assertTokenOnEveryCall(t *testing.T, client *salesmetrics.Client) {
	t.Helper()
	if got := echo(t, client).GetName(); got != "Bearer "+testToken {
		t.Errorf("ListMetrics carried %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, err := client.WatchAlerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	event, err := stream.Recv()
	if err != nil || event.GetAlert().GetMessage() != "Bearer "+testToken {
		t.Errorf("WatchAlerts carried %q, %v", event.GetAlert().GetMessage(), err)
	}
}

func assertCode(t *testing.T, err error, code codes.Code) {
	t.Helper()
	var e *salesmetrics.Error
	if !errors.As(err, &e) || e.Code != code {
		t.Errorf("got %v, want an *Error with %s", err, code)
	}
}

func TestPlaintextWithoutATokenSendsNoAuthorization(t *testing.T) {
	if got := echo(t, dial(t, serve(t, plaintext))).GetName(); got != "" {
		t.Errorf("the call carried %q", got)
	}
}

func TestATokenGoesInPlaintextToALoopbackServer(t *testing.T) {
	assertTokenOnEveryCall(t, dial(t, serve(t, plaintext), salesmetrics.WithToken(testToken)))
}

func TestTLSVerifiesTheServerAndCarriesTheToken(t *testing.T) {
	address := serve(t, serverTLS)
	ca := salesmetrics.WithCAFile(certificate("ca.pem"))
	assertTokenOnEveryCall(t, dial(t, address, ca, salesmetrics.WithToken(testToken)))
}

func TestTheServerNameOverrideIsTheNameVerified(t *testing.T) {
	address := serve(t, serverTLS)
	ca := salesmetrics.WithCAFile(certificate("ca.pem"))
	echo(t, dial(t, address, ca, salesmetrics.WithServerName("localhost")))
	_, err := dial(t, address, ca, salesmetrics.WithServerName("elsewhere.test")).ListMetrics(context.Background())
	assertCode(t, err, codes.Unavailable)
}

func TestMutualTLSPresentsTheClientCertificate(t *testing.T) {
	client := dial(t, serve(t, mutualTLS), salesmetrics.WithCAFile(certificate("ca.pem")),
		salesmetrics.WithClientCertificate(certificate("client.pem"), certificate("client.key")))
	if got := echo(t, client); got.GetName() != "" || got.GetDescription() != "reporting.acme.test" {
		t.Errorf("the server saw authorization %q, certificate %q", got.GetName(), got.GetDescription())
	}
}

func TestConnectionsThatCannotBeVerifiedFailWithUnavailable(t *testing.T) {
	for _, c := range []struct {
		how transport
		ca  string
	}{{serverTLS, "other-ca.pem"}, {mutualTLS, "ca.pem"}} {
		client := dial(t, serve(t, c.how), salesmetrics.WithCAFile(certificate(c.ca)), salesmetrics.WithToken(testToken))
		_, err := client.ListMetrics(context.Background())
		assertCode(t, err, codes.Unavailable)
	}
}

func TestARefusedCallerGetsAnErrorWithTheCode(t *testing.T) {
	client := dial(t, serve(t, plaintext), salesmetrics.WithToken(testToken))
	for _, code := range []codes.Code{codes.Unauthenticated, codes.PermissionDenied} {
		_, err := client.Compute(context.Background(), salesmetrics.ComputeRequest{Metric: strconv.Itoa(int(code))})
		assertCode(t, err, code)
	}
}

func TestOptionsThatDoNotGoTogetherAreRefused(t *testing.T) {
	for _, c := range []struct {
		options []salesmetrics.Option
		want    string
	}{
		{[]salesmetrics.Option{salesmetrics.WithClientCertificate("c.pem", "c.key")}, "need WithCAFile"},
		{[]salesmetrics.Option{salesmetrics.WithServerName("localhost")}, "need WithCAFile"},
		{[]salesmetrics.Option{salesmetrics.WithCAFile("/nonexistent/ca.pem")}, "WithCAFile: open /nonexistent/ca.pem: no such"},
		{[]salesmetrics.Option{salesmetrics.WithToken(testToken)}, "require transport level security"},
		{[]salesmetrics.Option{salesmetrics.WithToken("two words")}, "WithToken: the token must be"},
	} {
		_, err := salesmetrics.Dial("192.0.2.1:50051", c.options...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "words") {
			t.Errorf("Dial(%d options): %v, want an error with %q", len(c.options), err, c.want)
		}
	}
}
