// The client against servers that authenticate their callers over TLS and
// mutual TLS ($SALESMETRICS_TLS_SERVER and $SALESMETRICS_MTLS_SERVER, with
// $SALESMETRICS_TEST_SECRETS, as scripts/with-secure-demo-server.sh exports
// them inside scripts/with-demo-server.sh): the right credential gets the
// plaintext server's numbers, the stream included; no token or a wrong one
// is Unauthenticated, an RPC the caller is not allowed PermissionDenied, and
// a server that cannot be verified Unavailable.
package salesmetrics_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/proto"

	pb "salesmetrics/gen/salesmetrics/v1"
	"salesmetrics/go/salesmetrics"
)

func environment(t *testing.T, name string) string {
	t.Helper()
	value := os.Getenv(name)
	if value == "" {
		t.Fatalf("$%s is not set: run through scripts/with-secure-demo-server.sh", name)
	}
	return value
}

func secret(t *testing.T, name string) string {
	return filepath.Join(environment(t, "SALESMETRICS_TEST_SECRETS"), name)
}

func token(t *testing.T, name string) salesmetrics.Option {
	t.Helper()
	contents, err := os.ReadFile(secret(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return salesmetrics.WithToken(string(contents))
}

func totalSales(t *testing.T, address string, options ...salesmetrics.Option) (*pb.Value, error) {
	t.Helper()
	response, err := dial(t, address, options...).Compute(context.Background(),
		salesmetrics.ComputeRequest{Metric: "total_sales", Period: q1})
	return response.GetResult().GetValue(), err
}

// assertDemoNumbers: total_sales over these options is the plaintext server's.
func assertDemoNumbers(t *testing.T, address string, options ...salesmetrics.Option) {
	t.Helper()
	want, err := totalSales(t, environment(t, "SALESMETRICS_SERVER"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := totalSales(t, address, options...); err != nil || !proto.Equal(got, want) {
		t.Errorf("got %v, %v; want %v", got, err, want)
	}
}

func TestSecureServerGivesATokenOverTLSTheDemoNumbers(t *testing.T) {
	address, ca := environment(t, "SALESMETRICS_TLS_SERVER"), salesmetrics.WithCAFile(secret(t, "ca.pem"))
	assertDemoNumbers(t, address, ca, token(t, "token"))
	assertDemoNumbers(t, address, ca, salesmetrics.WithServerName("localhost"), token(t, "token"))
}

func TestSecureServerGivesAClientCertificateOverMutualTLSTheDemoNumbers(t *testing.T) {
	assertDemoNumbers(t, environment(t, "SALESMETRICS_MTLS_SERVER"), salesmetrics.WithCAFile(secret(t, "ca.pem")),
		salesmetrics.WithClientCertificate(secret(t, "client.pem"), secret(t, "client.key")))
}

func TestSecureServerStreamsAlertsToAToken(t *testing.T) {
	address, ca := environment(t, "SALESMETRICS_TLS_SERVER"), salesmetrics.WithCAFile(secret(t, "ca.pem"))
	client := dial(t, address, ca, token(t, "token"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stream, err := client.WatchAlerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if event, err := stream.Recv(); err != nil || event.GetChange() != pb.WatchAlertsResponse_CHANGE_ACTIVE {
		t.Errorf("the first event: %v, %v", event, err)
	}
}

func TestSecureServerRefusesNoTokenAndAWrongOneAsUnauthenticated(t *testing.T) {
	address, ca := environment(t, "SALESMETRICS_TLS_SERVER"), salesmetrics.WithCAFile(secret(t, "ca.pem"))
	_, err := totalSales(t, address, ca)
	assertCode(t, err, codes.Unauthenticated)
	_, err = totalSales(t, address, ca, salesmetrics.WithToken("not-the-token"))
	assertCode(t, err, codes.Unauthenticated)
	stream, err := dial(t, address, ca).WatchAlerts(context.Background())
	if err == nil {
		_, err = stream.Recv()
	}
	assertCode(t, err, codes.Unauthenticated)
}

func TestSecureServerRefusesAnRPCTheCallerIsNotAllowedAsPermissionDenied(t *testing.T) {
	address, ca := environment(t, "SALESMETRICS_TLS_SERVER"), salesmetrics.WithCAFile(secret(t, "ca.pem"))
	assertDemoNumbers(t, address, ca, token(t, "limited-token"))
	_, err := dial(t, address, ca, token(t, "limited-token")).ListMetrics(context.Background())
	assertCode(t, err, codes.PermissionDenied)
}

func TestSecureServerThatCannotBeVerifiedIsUnavailable(t *testing.T) {
	otherCA := salesmetrics.WithCAFile(secret(t, "other-ca.pem"))
	_, err := totalSales(t, environment(t, "SALESMETRICS_TLS_SERVER"), otherCA, token(t, "token"))
	assertCode(t, err, codes.Unavailable)
	ca := salesmetrics.WithCAFile(secret(t, "ca.pem"))
	_, err = totalSales(t, environment(t, "SALESMETRICS_MTLS_SERVER"), ca, token(t, "token"))
	assertCode(t, err, codes.Unavailable)
}
