// The integration test: the client against a live server on the demo data
// ($SALESMETRICS_SERVER, as scripts/with-demo-server.sh exports it), checked
// against the numbers the C++ CLI ($SALESMETRICS_CLI) prints.
package salesmetrics_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"strconv"
	"testing"
	"time"

	"google.golang.org/grpc/codes"

	pb "salesmetrics/gen/salesmetrics/v1"
	"salesmetrics/go/salesmetrics"
)

var q1 = salesmetrics.Period{Start: "2026-01-01", End: "2026-04-01", AsOf: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}

func connect(t *testing.T) *salesmetrics.Client {
	t.Helper()
	if os.Getenv("SALESMETRICS_SERVER") == "" || os.Getenv("SALESMETRICS_CLI") == "" {
		t.Fatal("run through scripts/with-demo-server.sh with SALESMETRICS_CLI set (see clients/go/README.md)")
	}
	client, err := salesmetrics.Dial("")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// cliJSON runs the C++ CLI with --json against the same server.
func cliJSON(t *testing.T, into any, args ...string) {
	t.Helper()
	args = append(args, "--json", "--server", os.Getenv("SALESMETRICS_SERVER"))
	out, err := exec.Command(os.Getenv("SALESMETRICS_CLI"), args...).Output()
	if err != nil {
		t.Fatalf("salesmetrics %v: %v", args, err)
	}
	if err := json.Unmarshal(out, into); err != nil {
		t.Fatal(err)
	}
}

// jsonMoney is a Money in proto3 JSON.
type jsonMoney struct {
	CurrencyCode string `json:"currencyCode"`
	MinorUnits   string `json:"minorUnits"`
}

func (m jsonMoney) money(t *testing.T) salesmetrics.Money {
	return salesmetrics.Money{Currency: m.CurrencyCode, MinorUnits: jsonInt(t, m.MinorUnits)}
}

// jsonInt parses an int64 of proto3 JSON: a string, "" when zero.
func jsonInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt("0"+s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTotalSalesIsTheCLIsToTheMinorUnit(t *testing.T) {
	client := connect(t)
	var cli struct {
		Result struct {
			Value struct{ Money jsonMoney }
		}
	}
	cliJSON(t, &cli, "compute", "total_sales", "--from", q1.Start, "--to", q1.End, "--as-of", "2026-10-01")

	sales, err := client.Compute(context.Background(), salesmetrics.ComputeRequest{Metric: "total_sales", Period: q1})
	if err != nil {
		t.Fatal(err)
	}
	got := salesmetrics.MoneyOf(sales.GetResult().GetValue().GetMoney())
	if want := cli.Result.Value.Money.money(t); got != want {
		t.Errorf("total_sales = %v, the CLI prints %v", got, want)
	}
	if got.Decimal() != "34041500.00" || got.Currency != "CNY" {
		t.Errorf("total_sales = %v, want 34041500.00 CNY", got)
	}
	rate := salesmetrics.Measure(sales.GetResult(), "win_rate").GetFraction()
	if rate.GetCountNumerator() != 152 || rate.GetCountDenominator() != 382 {
		t.Errorf("win_rate fraction = %v, want 152 / 382", rate)
	}
}

func TestAnAbsentValueSaysWhy(t *testing.T) {
	client := connect(t)
	period := salesmetrics.Period{Start: "2020-01-01", End: "2020-02-01", AsOf: q1.AsOf}
	rate, err := client.Compute(context.Background(), salesmetrics.ComputeRequest{Metric: "win_rate", Period: period})
	if err != nil {
		t.Fatal(err)
	}
	reason, absent := salesmetrics.Absent(rate.GetResult().GetValue())
	if !absent || reason != "no opportunities closed in the period" {
		t.Errorf("Absent = %q, %v; want the reason, true", reason, absent)
	}
}

func TestAnInvalidRequestCarriesItsFieldViolations(t *testing.T) {
	client := connect(t)
	_, err := client.Compute(context.Background(),
		salesmetrics.ComputeRequest{Metric: "win_rate", Period: salesmetrics.Period{Start: "2026-13-01"}})

	var e *salesmetrics.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want an *Error", err)
	}
	if e.Code != codes.InvalidArgument || e.Reason != "INVALID_ARGUMENT" || e.Domain != "salesmetrics.v1" {
		t.Errorf("code, reason, domain = %v, %q, %q", e.Code, e.Reason, e.Domain)
	}
	want := []salesmetrics.FieldViolation{
		{Field: "period_start", Description: `"2026-13-01" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS])`},
		{Field: "period_end", Description: "is required (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])"},
	}
	if !reflect.DeepEqual(e.FieldViolations, want) {
		t.Errorf("field violations = %q, want %q", e.FieldViolations, want)
	}
}

func TestTheFunnelIsTheCLIs(t *testing.T) {
	client := connect(t)
	var cli struct {
		Stages []struct {
			StageID      string    `json:"stageId"`
			OpenCount    string    `json:"openCount"`
			OpenAmount   jsonMoney `json:"openAmount"`
			ReachedCount string    `json:"reachedCount"`
		}
		CohortCount string `json:"cohortCount"`
	}
	cliJSON(t, &cli, "dashboard", "funnel", "--from", q1.Start, "--to", q1.End, "--as-of", "2026-10-01",
		"--where", "region=east")

	funnel, err := client.Funnel(context.Background(), q1, salesmetrics.Where{"region": {"east"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(funnel.GetStages()) == 0 || len(funnel.GetStages()) != len(cli.Stages) {
		t.Fatalf("%d stages, the CLI prints %d", len(funnel.GetStages()), len(cli.Stages))
	}
	for i, stage := range funnel.GetStages() {
		got := fmt.Sprint(stage.GetStageId(), stage.GetOpenCount(), salesmetrics.MoneyOf(stage.GetOpenAmount()),
			stage.GetReachedCount())
		c := cli.Stages[i]
		want := fmt.Sprint(c.StageID, jsonInt(t, c.OpenCount), c.OpenAmount.money(t), jsonInt(t, c.ReachedCount))
		if got != want {
			t.Errorf("stage %d = %s, the CLI prints %s", i, got, want)
		}
	}
	if got, want := funnel.GetCohortCount(), jsonInt(t, cli.CohortCount); got != want {
		t.Errorf("cohort = %d, the CLI prints %d", got, want)
	}
}

func TestWatchAlertsStreamsTheActiveAlertsUntilCancelled(t *testing.T) {
	client := connect(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	stream, err := client.WatchAlerts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	first, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	// The server's first evaluation comes at once: EvaluateAlerts' alerts at the same instant.
	expected, err := client.EvaluateAlerts(ctx, first.GetEvaluatedAt().AsTime())
	if err != nil {
		t.Fatal(err)
	}
	events := []*pb.WatchAlertsResponse{first}
	for len(events) < len(expected.GetAlerts()) {
		event, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, event)
	}
	key := func(a *pb.Alert) string { return fmt.Sprint(a.GetRule(), a.GetScope(), a.GetSeverity()) }
	rules := map[string]int{}
	for _, alert := range expected.GetAlerts() {
		rules[key(alert)]++
	}
	for _, event := range events {
		if c := event.GetChange(); c != pb.WatchAlertsResponse_CHANGE_ACTIVE && c != pb.WatchAlertsResponse_CHANGE_ACTIVATED {
			t.Errorf("change = %v, want ACTIVE or ACTIVATED", c)
		}
		rules[key(event.GetAlert())]--
	}
	for rule, n := range rules {
		if n != 0 {
			t.Errorf("%s: %d more in EvaluateAlerts than in the stream", rule, n)
		}
	}

	cancel()
	var e *salesmetrics.Error
	if _, err := stream.Recv(); !errors.As(err, &e) || e.Code != codes.Canceled {
		t.Errorf("Recv after cancel = %v, want CANCELED", err)
	}
}
