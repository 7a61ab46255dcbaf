#!/usr/bin/python3
"""Computes total sales by region for 2026-Q1 and prints that quarter's sales
briefing, from a salesmetrics server (default: $SALESMETRICS_SERVER, else
127.0.0.1:50051).

    example.py [HOST:PORT]
"""
import datetime
import os
import sys

from salesmetrics import Client, Money, Ratio

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)
AS_OF = datetime.datetime(2026, 10, 1, tzinfo=datetime.timezone.utc)


def show(value, reason=None):
    if value is None:
        return f"n/a ({reason})"
    if isinstance(value, Ratio):
        return f"{value:.2%}"
    if isinstance(value, Money):
        return f"{value.amount:,} {value.currency_code}"
    return f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"


def main():
    address = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SALESMETRICS_SERVER", "127.0.0.1:50051")
    with Client(address) as client:
        sales = client.compute("total_sales", START, END, as_of=AS_OF, by="region")
        print(f"total_sales [{START}, {END}): {show(sales.result.value)}")
        for group in sales.groups:
            print(f"  {group.key or '(no region)':<10} {show(group.result.value)}")

        briefing = client.briefing(START, END, as_of=AS_OF)
        print(f"\nSales briefing [{START}, {END}) against [{briefing.previous_period.start_time.date()}, {START}):")
        for line in briefing.lines:
            reasons = line.absent_reasons
            print(f"  {line.display_name:<28} {show(line.current, reasons.get('current')):>22}"
                  f"  previous {show(line.previous, reasons.get('previous')):>22}"
                  f"  change {show(line.relative_change, reasons.get('relative_change'))}")


if __name__ == "__main__":
    main()
