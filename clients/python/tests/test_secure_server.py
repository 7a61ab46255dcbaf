"""The Python client against servers that authenticate their callers over TLS
and mutual TLS (scripts/with-secure-demo-server.sh, inside
scripts/with-demo-server.sh): the right credential gets the plaintext
server's numbers, the stream included; no token or a wrong one is
UNAUTHENTICATED, an RPC the caller is not allowed PERMISSION_DENIED, and a
server that cannot be verified UNAVAILABLE.
"""
import datetime
import os
import unittest

import grpc

from salesmetrics import Client, SalesmetricsError

SECRETS = os.environ["SALESMETRICS_TEST_SECRETS"]
TLS_SERVER = os.environ["SALESMETRICS_TLS_SERVER"]
MTLS_SERVER = os.environ["SALESMETRICS_MTLS_SERVER"]
CA_FILE = os.path.join(SECRETS, "ca.pem")
CLIENT_CERTIFICATE = {"cert_file": os.path.join(SECRETS, "client.pem"), "key_file": os.path.join(SECRETS, "client.key")}
Q1_2026 = (datetime.date(2026, 1, 1), datetime.date(2026, 4, 1))
AS_OF = datetime.datetime(2026, 10, 1, tzinfo=datetime.timezone.utc)


def token(name="token"):
    with open(os.path.join(SECRETS, name)) as file:
        return file.read()


def total_sales(address, **options):
    with Client(address, timeout=10, **options) as client:
        return client.compute("total_sales", *Q1_2026, as_of=AS_OF).result.value


class SecureServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.expected = total_sales(os.environ["SALESMETRICS_SERVER"])

    def assert_fails(self, code, call, *args, **options):
        with self.assertRaises(SalesmetricsError) as raised:
            call(*args, **options)
        self.assertEqual(raised.exception.code, code)

    def test_a_token_over_tls_gets_the_demo_numbers(self):
        self.assertEqual(total_sales(TLS_SERVER, ca_file=CA_FILE, token=token()), self.expected)
        self.assertEqual(total_sales(TLS_SERVER, ca_file=CA_FILE, server_name="localhost", token=token()),
                         self.expected)

    def test_a_client_certificate_over_mutual_tls_gets_the_demo_numbers(self):
        self.assertEqual(total_sales(MTLS_SERVER, ca_file=CA_FILE, **CLIENT_CERTIFICATE), self.expected)

    def test_the_alert_stream_carries_the_token(self):
        with Client(TLS_SERVER, ca_file=CA_FILE, token=token()) as client:
            events = client.watch_alerts(timeout=30)
            self.assertEqual(next(events).change, "active")
            events.close()

    def test_no_token_or_a_wrong_one_is_unauthenticated(self):
        self.assert_fails(grpc.StatusCode.UNAUTHENTICATED, total_sales, TLS_SERVER, ca_file=CA_FILE)
        self.assert_fails(grpc.StatusCode.UNAUTHENTICATED, total_sales, TLS_SERVER, ca_file=CA_FILE,
                          token="not-the-token")
        with Client(TLS_SERVER, ca_file=CA_FILE) as client:
            self.assert_fails(grpc.StatusCode.UNAUTHENTICATED, next, client.watch_alerts(timeout=30))

    def test_an_rpc_the_caller_is_not_allowed_is_permission_denied(self):
        self.assertEqual(total_sales(TLS_SERVER, ca_file=CA_FILE, token=token("limited-token")), self.expected)
        with Client(TLS_SERVER, ca_file=CA_FILE, token=token("limited-token")) as client:
            self.assert_fails(grpc.StatusCode.PERMISSION_DENIED, client.list_metrics)

    def test_a_server_that_cannot_be_verified_is_unavailable(self):
        self.assert_fails(grpc.StatusCode.UNAVAILABLE, total_sales, TLS_SERVER,
                          ca_file=os.path.join(SECRETS, "other-ca.pem"), token=token())
        self.assert_fails(grpc.StatusCode.UNAVAILABLE, total_sales, MTLS_SERVER, ca_file=CA_FILE, token=token())


if __name__ == "__main__":
    unittest.main()
