// Package salesmetrics is a small Go client of the salesmetrics gRPC API: the
// generated stubs of its three services over one connection, requests built
// from Go values, exact money, and errors that carry the server's field
// violations. Responses are the generated messages.
package salesmetrics

import (
	"context"
	"os"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/timestamppb"

	pb "salesmetrics/gen/salesmetrics/v1"
)

// DefaultServer is where Dial connects when neither an address nor
// $SALESMETRICS_SERVER is given.
const DefaultServer = "127.0.0.1:50051"

// DefaultTimeout bounds a unary call whose context has no deadline, as the CLI's.
const DefaultTimeout = 30 * time.Second

// Client calls a salesmetrics server. Every error it returns from a call is
// an *Error.
type Client struct {
	conn       *grpc.ClientConn
	Metrics    pb.MetricsServiceClient
	Dashboards pb.DashboardServiceClient
	Alerts     pb.AlertServiceClient
}

// Dial connects to address; "" means $SALESMETRICS_SERVER, else
// DefaultServer. Plaintext unless the options say otherwise (see Option).
func Dial(address string, options ...Option) (*Client, error) {
	if address == "" {
		address = os.Getenv("SALESMETRICS_SERVER")
	}
	if address == "" {
		address = DefaultServer
	}
	var c connection
	for _, option := range options {
		option(&c)
	}
	dialOptions, err := c.dialOptions(address)
	if err != nil {
		return nil, err
	}
	conn, err := grpc.Dial(address, dialOptions...)
	if err != nil {
		return nil, err
	}
	return &Client{
		conn:       conn,
		Metrics:    pb.NewMetricsServiceClient(conn),
		Dashboards: pb.NewDashboardServiceClient(conn),
		Alerts:     pb.NewAlertServiceClient(conn),
	}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// unary runs one call under DefaultTimeout unless ctx has a deadline, and
// turns its error into an *Error.
func unary[Response any](ctx context.Context, call func(context.Context) (Response, error)) (Response, error) {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultTimeout)
		defer cancel()
	}
	response, err := call(ctx)
	return response, wrapError(err)
}

// ListMetrics returns every metric and view the server has loaded (all pages).
func (c *Client) ListMetrics(ctx context.Context) ([]*pb.Metric, error) {
	var metrics []*pb.Metric
	request := &pb.ListMetricsRequest{}
	for {
		page, err := unary(ctx, func(ctx context.Context) (*pb.ListMetricsResponse, error) {
			return c.Metrics.ListMetrics(ctx, request)
		})
		if err != nil {
			return nil, err
		}
		metrics = append(metrics, page.GetMetrics()...)
		if page.GetNextPageToken() == "" {
			return metrics, nil
		}
		request.PageToken = page.GetNextPageToken()
	}
}

// Compute computes a metric or view.
func (c *Client) Compute(ctx context.Context, r ComputeRequest) (*pb.ComputeMetricResponse, error) {
	return unary(ctx, func(ctx context.Context) (*pb.ComputeMetricResponse, error) {
		return c.Metrics.ComputeMetric(ctx, r.proto())
	})
}

// Briefing computes the sales briefing (销售简报).
func (c *Client) Briefing(ctx context.Context, p Period) (*pb.ComputeSalesBriefingResponse, error) {
	return unary(ctx, func(ctx context.Context) (*pb.ComputeSalesBriefingResponse, error) {
		return c.Dashboards.ComputeSalesBriefing(ctx, &pb.ComputeSalesBriefingRequest{Period: p.proto()})
	})
}

// Funnel computes the sales funnel (销售漏斗) of the opportunities matching where.
func (c *Client) Funnel(ctx context.Context, p Period, where Where) (*pb.ComputeFunnelResponse, error) {
	return unary(ctx, func(ctx context.Context) (*pb.ComputeFunnelResponse, error) {
		return c.Dashboards.ComputeFunnel(ctx, &pb.ComputeFunnelRequest{Period: p.proto(), Filters: where.proto()})
	})
}

// Forecast computes the sales forecast (销售预测).
func (c *Client) Forecast(ctx context.Context, p Period) (*pb.ComputeForecastResponse, error) {
	return unary(ctx, func(ctx context.Context) (*pb.ComputeForecastResponse, error) {
		return c.Dashboards.ComputeForecast(ctx, &pb.ComputeForecastRequest{Period: p.proto()})
	})
}

// Performance computes targets, wins and collections (业绩完成和回款).
func (c *Client) Performance(ctx context.Context, p Period) (*pb.ComputePerformanceCollectionResponse, error) {
	return unary(ctx, func(ctx context.Context) (*pb.ComputePerformanceCollectionResponse, error) {
		request := &pb.ComputePerformanceCollectionRequest{Period: p.proto()}
		return c.Dashboards.ComputePerformanceCollection(ctx, request)
	})
}

// EvaluateAlerts evaluates the alert rules at asOf; the zero time means now.
func (c *Client) EvaluateAlerts(ctx context.Context, asOf time.Time) (*pb.EvaluateAlertsResponse, error) {
	request := &pb.EvaluateAlertsRequest{}
	if !asOf.IsZero() {
		request.AsOf = timestamppb.New(asOf)
	}
	return unary(ctx, func(ctx context.Context) (*pb.EvaluateAlertsResponse, error) {
		return c.Alerts.EvaluateAlerts(ctx, request)
	})
}

// AlertStream is a WatchAlerts call: Recv returns each event, then io.EOF
// when the server ends the stream. Cancel the call's context to stop it.
type AlertStream struct {
	stream pb.AlertService_WatchAlertsClient
}

// Recv waits for the next event.
func (s *AlertStream) Recv() (*pb.WatchAlertsResponse, error) {
	event, err := s.stream.Recv()
	return event, wrapError(err)
}

// WatchAlerts streams the active alerts, then every change, until ctx is
// cancelled or the server ends the stream.
func (c *Client) WatchAlerts(ctx context.Context) (*AlertStream, error) {
	stream, err := c.Alerts.WatchAlerts(ctx, &pb.WatchAlertsRequest{})
	if err != nil {
		return nil, wrapError(err)
	}
	return &AlertStream{stream: stream}, nil
}
