// Asks a salesmetrics server ($SALESMETRICS_SERVER, default 127.0.0.1:50051)
// for a KPI, the funnel and the alerts of the demo data's first quarter.
package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"salesmetrics/go/salesmetrics"
)

func main() {
	client, err := salesmetrics.Dial("")
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx := context.Background()
	q1 := salesmetrics.Period{Start: "2026-01-01", End: "2026-04-01", AsOf: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}

	sales, err := client.Compute(ctx, salesmetrics.ComputeRequest{Metric: "total_sales", Period: q1, By: "region"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("total_sales %s .. %s: %s\n", sales.GetStartTime().AsTime().Format(time.RFC3339),
		sales.GetEndTime().AsTime().Format(time.RFC3339), salesmetrics.MoneyOf(sales.GetResult().GetValue().GetMoney()))
	for _, group := range sales.GetGroups() {
		fmt.Printf("  %s: %s\n", group.GetKey(), salesmetrics.MoneyOf(group.GetResult().GetValue().GetMoney()))
	}

	funnel, err := client.Funnel(ctx, q1, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("\nfunnel (open now / reached by the cohort):")
	for _, stage := range funnel.GetStages() {
		fmt.Printf("  %s: %d open (%s), %d reached\n", stage.GetStageName(), stage.GetOpenCount(),
			salesmetrics.MoneyOf(stage.GetOpenAmount()), stage.GetReachedCount())
	}

	alerts, err := client.EvaluateAlerts(ctx, q1.AsOf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("\n%d active alert(s) as of %s\n", len(alerts.GetAlerts()), q1.AsOf.Format(time.RFC3339))
	for _, alert := range alerts.GetAlerts() {
		fmt.Printf("  %s %s: %s\n", alert.GetSeverity(), alert.GetRule(), alert.GetMessage())
	}

	_, err = client.Compute(ctx, salesmetrics.ComputeRequest{Metric: "win_rate", Period: salesmetrics.Period{Start: "2026-04-01", End: "2026-01-01"}})
	var invalid *salesmetrics.Error
	if !errors.As(err, &invalid) {
		log.Fatalf("expected the server to refuse a period ending before it starts, got %v", err)
	}
	fmt.Printf("\na period ending before it starts fails with %s\n", invalid)
}
