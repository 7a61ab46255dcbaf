"""A Python client of the salesmetrics gRPC API.

    from salesmetrics import Client
    with Client("127.0.0.1:50051") as client:
        sales = client.compute("total_sales", date(2026, 1, 1), date(2026, 4, 1))
        print(sales.result.value)  # Money(amount=Decimal('...'), currency_code='CNY')
"""
import pkgutil

# The generated modules (salesmetrics.v1, salesmetrics.reflection) live in
# another directory on sys.path (clients/python/generate.sh's OUT_DIR).
__path__ = pkgutil.extend_path(__path__, __name__)

from salesmetrics.client import Client  # noqa: E402
from salesmetrics.errors import FieldViolation, SalesmetricsError  # noqa: E402
from salesmetrics.records import Record  # noqa: E402
from salesmetrics.values import Money, Ratio  # noqa: E402

__all__ = ["Client", "FieldViolation", "Money", "Ratio", "Record", "SalesmetricsError"]
