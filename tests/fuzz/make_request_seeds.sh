#!/usr/bin/env bash
# Writes the seed corpora of request_decoder_fuzzer and compute_fuzzer:
# valid requests of each RPC, serialized, after the byte that picks the
# request type (request_kinds.h). Run it again after changing a seed below;
# its output is checked in.
set -euo pipefail
cd "$(dirname "$0")"
root=../..

# seed SELECTOR MESSAGE NAME TEXT: corpus/<fuzzer>/NAME for each fuzzer
# that serves the request type.
seed() {
  local selector=$1 message=$2 name=$3 text=$4 dirs=(corpus/request_decoder_fuzzer)
  ((selector < 6)) && dirs+=(corpus/compute_fuzzer)
  for dir in "${dirs[@]}"; do
    mkdir -p "$dir"
    {
      printf "\\x$(printf %02x "$selector")"
      protoc --encode="salesmetrics.v1.$message" -I "$root/protos" -I /usr/include \
        salesmetrics/v1/metrics_service.proto salesmetrics/v1/dashboards.proto salesmetrics/v1/alerts.proto \
        salesmetrics/v1/admin.proto <<<"$text"
    } >"$dir/$name"
  done
}

rm -rf corpus/request_decoder_fuzzer corpus/compute_fuzzer
seed 0 ComputeMetricRequest win_rate 'metric: "win_rate" period_start: "2024-01-01" period_end: "2024-02-01"'
seed 0 ComputeMetricRequest total_sales_by_day \
  'metric: "metrics/total_sales" period_start: "2024-01-01" period_end: "2024-02-01" time_zone: "Asia/Shanghai"
   granularity: GRANULARITY_DAY filters { dimension: "region" values: "east" values: "west" } group_by: "product_line"'
seed 0 ComputeMetricRequest sales_per_rep_by_month \
  'metric: "sales_per_rep" period_start: "2023-10-01T08:30" period_end: "2024-04-01" granularity: GRANULARITY_MONTH
   fiscal_year_start_month: 4 as_of { seconds: 1708000000 }'
seed 0 ComputeMetricRequest win_rate_created_by_quarter \
  'metric: "win_rate" period_start: "2023-01-01" period_end: "2025-01-01" granularity: GRANULARITY_QUARTER
   parameters { key: "variant" value: "created" } group_by: "competitor"'
seed 0 ComputeMetricRequest ltv_cac_ratio \
  'metric: "ltv_cac_ratio" period_start: "2024-01-01" period_end: "2024-04-01"
   parameters { key: "gross_margin" value: "0.7" } parameters { key: "cac_variant" value: "marketing" }'
seed 0 ComputeMetricRequest stalled_opportunities \
  'metric: "stalled_opportunities" as_of { seconds: 1708000000 } parameters { key: "limit" value: "3" }'
seed 0 ComputeMetricRequest mql_to_sql_rate_by_week \
  'metric: "mql_to_sql_rate" period_start: "2024-01-01" period_end: "2024-03-01" granularity: GRANULARITY_WEEK
   time_zone: "America/New_York" group_by: "source_channel"'
seed 1 ComputeSalesBriefingRequest sales_briefing \
  'period { period_start: "2024-01-01" period_end: "2024-04-01" time_zone: "Asia/Shanghai" }'
seed 2 ComputeFunnelRequest funnel \
  'period { period_start: "2024-01-01" period_end: "2024-02-01" as_of { seconds: 1708000000 } }
   filters { dimension: "region" values: "east" }'
seed 3 ComputeForecastRequest forecast \
  'period { period_start: "2024-01-01" period_end: "2024-04-01" as_of { seconds: 1708000000 nanos: 5 } }'
seed 4 ComputePerformanceCollectionRequest performance_collection \
  'period { period_start: "2024-01-01" period_end: "2024-02-01" fiscal_year_start_month: 4 }'
seed 5 EvaluateAlertsRequest evaluate_alerts 'as_of { seconds: 1708000000 }'
seed 5 EvaluateAlertsRequest evaluate_alerts_now ''
seed 6 ListMetricsRequest list_metrics 'page_size: 5 page_token: "YWZ0ZXI6d2luX3JhdGU="'
seed 7 GetMetricRequest get_metric 'name: "metrics/win_rate"'
seed 8 WatchAlertsRequest watch_alerts ''
seed 9 ReloadMetricsRequest reload_metrics ''
