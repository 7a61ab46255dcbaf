"""Client: the salesmetrics API with Python arguments and results."""
import grpc

from salesmetrics import requests
from salesmetrics.connection import open_channel
from salesmetrics.errors import SalesmetricsError
from salesmetrics.records import to_python
from salesmetrics.v1 import (alerts_pb2, alerts_pb2_grpc, dashboards_pb2, dashboards_pb2_grpc, metrics_service_pb2,
                             metrics_service_pb2_grpc)


class Client:
    """A connection to a salesmetrics server.

    Results are Records (see salesmetrics.records); a failed call raises
    SalesmetricsError. Each unary call fails after `timeout` seconds.
    Periods are [start, end): datetime.date, or datetime.datetime (naive:
    civil time in tz; aware: converted into tz); as_of is an aware datetime.

    Plaintext by default; ca_file turns TLS on, cert_file and key_file add a
    client certificate, server_name is the name to verify, token is sent as a
    bearer token with every call (see connection.open_channel).
    """

    def __init__(self, address, *, credentials=None, timeout=30.0, ca_file=None, cert_file=None, key_file=None,
                 server_name=None, token=None):
        self._channel = open_channel(address, credentials=credentials, ca_file=ca_file, cert_file=cert_file,
                                     key_file=key_file, server_name=server_name, token=token)
        self._timeout = timeout
        self._metrics = metrics_service_pb2_grpc.MetricsServiceStub(self._channel)
        self._dashboards = dashboards_pb2_grpc.DashboardServiceStub(self._channel)
        self._alerts = alerts_pb2_grpc.AlertServiceStub(self._channel)

    def close(self):
        self._channel.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def list_metrics(self):
        """Every metric and view the server has loaded, ordered by metric_id."""
        metrics, token = [], ""
        while True:
            page = self._call(self._metrics.ListMetrics, metrics_service_pb2.ListMetricsRequest(page_token=token))
            metrics += page.metrics
            token = page.next_page_token
            if not token:
                return [to_python(metric) for metric in metrics]

    def get_metric(self, metric_id):
        request = metrics_service_pb2.GetMetricRequest(name=f"metrics/{metric_id}")
        return to_python(self._call(self._metrics.GetMetric, request))

    def compute(self, metric, start=None, end=None, *, tz=None, as_of=None, by=None, where=None, granularity=None,
                params=None, fiscal_year_start_month=None):
        """Computes a metric or view; where={dimension: [values]}, granularity
        "day" to "year", params={name: value} (values sent as str())."""
        request = metrics_service_pb2.ComputeMetricRequest(
            metric=metric, period_start=requests.civil_time(start, tz), period_end=requests.civil_time(end, tz),
            time_zone=tz or "", as_of=requests.timestamp(as_of), granularity=requests.granularity(granularity),
            fiscal_year_start_month=fiscal_year_start_month or 0, filters=requests.filters(where), group_by=by or "",
            parameters={name: str(value) for name, value in (params or {}).items()})
        return to_python(self._call(self._metrics.ComputeMetric, request))

    def briefing(self, start, end, *, tz=None, as_of=None, fiscal_year_start_month=None):
        """Each metric's headline over the period and the previous one."""
        period = requests.dashboard_period(start, end, tz, as_of, fiscal_year_start_month)
        request = dashboards_pb2.ComputeSalesBriefingRequest(period=period)
        return to_python(self._call(self._dashboards.ComputeSalesBriefing, request))

    def funnel(self, start, end, *, tz=None, as_of=None, fiscal_year_start_month=None, where=None):
        """The pipeline stage by stage."""
        period = requests.dashboard_period(start, end, tz, as_of, fiscal_year_start_month)
        request = dashboards_pb2.ComputeFunnelRequest(period=period, filters=requests.filters(where))
        return to_python(self._call(self._dashboards.ComputeFunnel, request))

    def forecast(self, start, end, *, tz=None, as_of=None, fiscal_year_start_month=None):
        """Won to date, weighted pipeline, forecast and coverage against the target."""
        period = requests.dashboard_period(start, end, tz, as_of, fiscal_year_start_month)
        request = dashboards_pb2.ComputeForecastRequest(period=period)
        return to_python(self._call(self._dashboards.ComputeForecast, request))

    def performance(self, start, end, *, tz=None, as_of=None, fiscal_year_start_month=None):
        """Targets, wins and collections per rep, team and company."""
        period = requests.dashboard_period(start, end, tz, as_of, fiscal_year_start_month)
        request = dashboards_pb2.ComputePerformanceCollectionRequest(period=period)
        return to_python(self._call(self._dashboards.ComputePerformanceCollection, request))

    def evaluate_alerts(self, as_of=None):
        """The alerts active at as_of (default now)."""
        request = alerts_pb2.EvaluateAlertsRequest(as_of=requests.timestamp(as_of))
        return to_python(self._call(self._alerts.EvaluateAlerts, request))

    def watch_alerts(self, *, timeout=None):
        """Yields the active alerts, then each change, as WatchAlertsResponse
        Records, without end (or until `timeout` seconds have passed, which
        raises DEADLINE_EXCEEDED); closing the generator (close(), or
        dropping the last reference to it) cancels the stream."""
        call = self._alerts.WatchAlerts(alerts_pb2.WatchAlertsRequest(), timeout=timeout)
        try:
            for event in call:
                yield to_python(event)
        except grpc.RpcError as error:
            raise SalesmetricsError.from_rpc_error(error) from error
        finally:
            call.cancel()

    def _call(self, rpc, request):
        try:
            return rpc(request, timeout=self._timeout)
        except grpc.RpcError as error:
            raise SalesmetricsError.from_rpc_error(error) from error
