"""The Python client against a live server on the demo data: the same
numbers as the C++ CLI, errors with their field violations, a dashboard and
the alert stream.

Run by CTest through scripts/with-demo-server.sh, which sets
SALESMETRICS_SERVER; SALESMETRICS_BUILD_DIR names the build holding the CLI.
"""
import datetime
import json
import os
import subprocess
import unittest
from decimal import Decimal

import grpc

from salesmetrics import Client, Money, SalesmetricsError

SERVER = os.environ["SALESMETRICS_SERVER"]
CLI = os.path.join(os.environ["SALESMETRICS_BUILD_DIR"], "clients", "cli", "salesmetrics")
Q1_2026 = (datetime.date(2026, 1, 1), datetime.date(2026, 4, 1))
AS_OF = datetime.datetime(2026, 10, 1, tzinfo=datetime.timezone.utc)


def cli_json(*args):
    """What `salesmetrics ARGS --json` prints, parsed."""
    output = subprocess.run([CLI, *args, "--server", SERVER, "--json"], check=True, capture_output=True, text=True)
    return json.loads(output.stdout)


def expected_money(money_json):
    """Protobuf JSON money (int64 as a string, omitted when 0) as the Money the client should give."""
    return Money(Decimal(int(money_json.get("minorUnits", 0))) / 100, money_json["currencyCode"])


class IntegrationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.client = Client(SERVER)

    @classmethod
    def tearDownClass(cls):
        cls.client.close()

    def assert_value(self, actual, value_json, absent_reason=None):
        """actual is the client's conversion of the Value the CLI printed as value_json."""
        if "absentReason" in value_json:
            self.assertIsNone(actual)
            self.assertEqual(absent_reason, value_json["absentReason"])
            return
        [(kind, raw)] = [(k, v) for k, v in value_json.items() if k != "fraction"]
        expected = {"money": expected_money, "count": int, "date": datetime.date.fromisoformat}.get(kind, lambda x: x)
        self.assertEqual(actual, expected(raw), kind)
        if kind == "money":
            self.assertIsInstance(actual.amount, Decimal)
        fraction = value_json.get("fraction")
        if fraction:
            for operand, attribute in (("Numerator", actual.numerator), ("Denominator", actual.denominator)):
                count, money = fraction.get(f"count{operand}"), fraction.get(f"money{operand}")
                self.assertEqual(attribute, int(count) if count is not None else expected_money(money))

    def assert_measures(self, measures, result_json):
        self.assertEqual(list(vars(measures)), [m["name"] for m in result_json["measures"]])
        for measure in result_json["measures"]:
            name = measure["name"]
            self.assert_value(measures[name], measure["value"], measures.absent_reasons.get(name))

    def test_total_sales_is_the_clis_to_the_minor_unit(self):
        response = self.client.compute("total_sales", *Q1_2026, as_of=AS_OF)
        printed = cli_json("compute", "total_sales", "--from", "2026-01-01", "--to", "2026-04-01",
                           "--as-of", "2026-10-01")
        total = response.result.value
        minor_units = int(printed["result"]["value"]["money"]["minorUnits"])
        self.assertGreater(minor_units, 0)
        self.assertEqual(total.amount * 100, minor_units)
        self.assertEqual(total.minor_units, minor_units)
        self.assertEqual(total.amount.as_tuple().exponent, -2)
        self.assertEqual(total.currency_code, printed["result"]["value"]["money"]["currencyCode"])
        self.assert_measures(response.result.measures, printed["result"])
        self.assertEqual(response.as_of, AS_OF)
        self.assertEqual(response.definition.formula, printed["definition"]["formula"])

    def test_series_of_groups_with_filters_in_a_time_zone_is_the_clis(self):
        response = self.client.compute("win_rate", datetime.date(2026, 1, 1), datetime.date(2026, 7, 1),
                                       tz="Asia/Shanghai", as_of=AS_OF, by="region", granularity="quarter",
                                       where={"product_line": ["cloud", "analytics"]})
        printed = cli_json("compute", "win_rate", "--from", "2026-01-01", "--to", "2026-07-01", "--tz",
                           "Asia/Shanghai", "--as-of", "2026-10-01", "--by", "region", "--granularity", "quarter",
                           "--where", "product_line=cloud,analytics")
        self.assertEqual(response.start_time, datetime.datetime(2025, 12, 31, 16, tzinfo=datetime.timezone.utc))
        self.assertEqual([bucket.label for bucket in response.series], ["2026-Q1", "2026-Q2"])
        self.assertEqual(len(response.series), len(printed["series"]))
        for bucket, bucket_json in zip(response.series, printed["series"]):
            self.assertEqual([g.key for g in bucket.groups], [g.get("key") for g in bucket_json["groups"]])
            for group, group_json in zip(bucket.groups, bucket_json["groups"]):
                self.assert_measures(group.result.measures, group_json["result"])

    def test_an_absent_value_is_none_with_the_clis_reason(self):
        response = self.client.compute("win_rate", datetime.date(2030, 1, 1), datetime.date(2030, 2, 1), as_of=AS_OF)
        printed = cli_json("compute", "win_rate", "--from", "2030-01-01", "--to", "2030-02-01", "--as-of", "2026-10-01")
        self.assertIsNone(response.result.value)
        self.assertEqual(response.result.absent_reasons["value"], printed["result"]["value"]["absentReason"])
        self.assert_measures(response.result.measures, printed["result"])

    def test_a_table_is_the_clis(self):
        response = self.client.compute("top_opportunities", as_of=AS_OF)
        printed = cli_json("compute", "top_opportunities", "--as-of", "2026-10-01")["result"]["table"]
        names = [column["name"] for column in printed["columns"]]
        self.assertEqual(len(response.result.table), len(printed["rows"]))
        self.assertGreater(len(printed["rows"]), 0)
        for row, row_json in zip(response.result.table, printed["rows"]):
            self.assertEqual(list(vars(row)), names)
            for name, value_json in zip(names, row_json["values"]):
                self.assert_value(row[name], value_json, row.absent_reasons.get(name))

    def test_invalid_arguments_carry_their_field_violations(self):
        with self.assertRaises(SalesmetricsError) as raised:
            self.client.compute("total_sales", datetime.date(2026, 4, 1), datetime.date(2026, 1, 1), tz="Mars/Base")
        error = raised.exception
        self.assertEqual(error.code, grpc.StatusCode.INVALID_ARGUMENT)
        self.assertEqual([v.field for v in error.field_violations], ["time_zone", "period_end"])
        self.assertIn('"Mars/Base"', error.field_violations[0].description)
        self.assertEqual(error.field_violations[1].description, "must be after period_start (2026-04-01)")

    def test_an_unknown_metric_is_not_found(self):
        with self.assertRaises(SalesmetricsError) as raised:
            self.client.compute("no_such_metric", *Q1_2026)
        self.assertEqual(raised.exception.code, grpc.StatusCode.NOT_FOUND)
        self.assertIn("no_such_metric", raised.exception.message)
        self.assertEqual(raised.exception.field_violations, [])

    def test_briefing_is_the_clis(self):
        briefing = self.client.briefing(*Q1_2026, as_of=AS_OF)
        printed = cli_json("dashboard", "briefing", "--from", "2026-01-01", "--to", "2026-04-01",
                           "--as-of", "2026-10-01")
        self.assertEqual(briefing.previous_period.start_time,
                         datetime.datetime(2025, 10, 1, tzinfo=datetime.timezone.utc))
        self.assertEqual([line.metric for line in briefing.lines], [line["metric"] for line in printed["lines"]])
        for line, line_json in zip(briefing.lines, printed["lines"]):
            for field, json_name in (("current", "current"), ("previous", "previous"),
                                     ("absolute_change", "absoluteChange"), ("relative_change", "relativeChange")):
                self.assert_value(line[field], line_json[json_name], line.absent_reasons.get(field))
        [total_sales] = [line for line in briefing.lines if line.metric == "total_sales"]
        self.assertEqual(total_sales.current, self.client.compute("total_sales", *Q1_2026, as_of=AS_OF).result.value)

    def test_watch_alerts_streams_the_active_alerts_first(self):
        active = {(a["rule"], a["scope"].get("id", "")) for a in cli_json("alerts")["alerts"]}
        self.assertTrue(active)
        events = self.client.watch_alerts(timeout=60)
        first, second = next(events), next(events)
        events.close()
        for event in (first, second):
            self.assertEqual(event.change, "active")
            self.assertIn((event.alert.rule, event.alert.scope.id), active)
            self.assertIn(event.alert.severity, ("red", "yellow", "blue", "info"))
            self.assertLess(abs(event.evaluated_at - datetime.datetime.now(datetime.timezone.utc)),
                            datetime.timedelta(minutes=5))


if __name__ == "__main__":
    unittest.main()
