"""Python arguments as the fields of requests."""
import datetime
from zoneinfo import ZoneInfo

from google.protobuf import timestamp_pb2

from salesmetrics.v1 import dashboards_pb2, metrics_service_pb2


def civil_time(moment, time_zone) -> str:
    """A period bound as the API takes it, a civil date or date-time in
    time_zone: a date or naive datetime as it is, an aware datetime converted
    into time_zone; None stays unset."""
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        if moment.utcoffset() is not None:
            moment = moment.astimezone(ZoneInfo(time_zone or "UTC")).replace(tzinfo=None)
        return moment.isoformat(timespec="seconds")
    if isinstance(moment, datetime.date):
        return moment.isoformat()
    raise TypeError(f"expected a datetime.date or datetime.datetime, got {moment!r}")


def timestamp(moment):
    """An aware datetime as a Timestamp; None stays unset."""
    if moment is None:
        return None
    if not isinstance(moment, datetime.datetime) or moment.utcoffset() is None:
        raise TypeError(f"expected a timezone-aware datetime.datetime, got {moment!r}")
    result = timestamp_pb2.Timestamp()
    result.FromDatetime(moment)
    return result


def filters(where):
    """{dimension: [values]} (or a single value) as Filters."""
    return [metrics_service_pb2.Filter(dimension=dimension,
                                       values=[accepted] if isinstance(accepted, str) else accepted)
            for dimension, accepted in (where or {}).items()]


def granularity(name):
    """"day", "week", "month", "quarter" or "year" (or None) as a Granularity."""
    return metrics_service_pb2.Granularity.Value(f"GRANULARITY_{name.upper()}") if name else 0


def dashboard_period(start, end, tz, as_of, fiscal_year_start_month):
    return dashboards_pb2.DashboardPeriod(
        period_start=civil_time(start, tz), period_end=civil_time(end, tz), time_zone=tz or "",
        as_of=timestamp(as_of), fiscal_year_start_month=fiscal_year_start_month or 0)
