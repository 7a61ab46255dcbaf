package salesmetrics

import (
	"sort"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	pb "salesmetrics/gen/salesmetrics/v1"
)

// Period is the period [Start, End) of a request: "YYYY-MM-DD" or
// "YYYY-MM-DDTHH:MM[:SS]" in TimeZone (IANA; "" is UTC). The zero AsOf means
// now; a zero FiscalYearStartMonth means January.
type Period struct {
	Start, End           string
	TimeZone             string
	AsOf                 time.Time
	FiscalYearStartMonth int32
}

// Where keeps the rows whose dimension has one of the values.
type Where map[string][]string

// ComputeRequest asks for a metric over a Period, optionally grouped By a
// dimension, filtered, as a series of buckets, with parameters.
type ComputeRequest struct {
	Metric string
	Period
	By          string
	Where       Where
	Granularity pb.Granularity
	Params      map[string]string
}

func timestamp(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

func (p Period) proto() *pb.DashboardPeriod {
	return &pb.DashboardPeriod{
		PeriodStart:          p.Start,
		PeriodEnd:            p.End,
		TimeZone:             p.TimeZone,
		AsOf:                 timestamp(p.AsOf),
		FiscalYearStartMonth: p.FiscalYearStartMonth,
	}
}

// proto lists the filters by dimension, so that a request is the same every time.
func (w Where) proto() []*pb.Filter {
	filters := make([]*pb.Filter, 0, len(w))
	for dimension, values := range w {
		filters = append(filters, &pb.Filter{Dimension: dimension, Values: values})
	}
	sort.Slice(filters, func(i, j int) bool { return filters[i].Dimension < filters[j].Dimension })
	return filters
}

func (r ComputeRequest) proto() *pb.ComputeMetricRequest {
	return &pb.ComputeMetricRequest{
		Metric:               r.Metric,
		PeriodStart:          r.Start,
		PeriodEnd:            r.End,
		TimeZone:             r.TimeZone,
		AsOf:                 timestamp(r.AsOf),
		Granularity:          r.Granularity,
		FiscalYearStartMonth: r.FiscalYearStartMonth,
		Filters:              r.Where.proto(),
		GroupBy:              r.By,
		Parameters:           r.Params,
	}
}
