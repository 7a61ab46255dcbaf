"""Client's connection options against a server of the test's own, in
plaintext, TLS and mutual TLS, with the throwaway certificates of
tests/support/make-test-certificates.sh: what the server sees of the token
(unary calls and the stream) and of the client certificate, the connections
that must fail, and the errors a server refusing a caller answers.
"""
import os
import subprocess
import tempfile
import unittest
from concurrent import futures

import grpc

from salesmetrics import Client, SalesmetricsError
from salesmetrics.v1 import (alerts_pb2, alerts_pb2_grpc, metric_pb2, metrics_service_pb2,
                             metrics_service_pb2_grpc)

MAKE_TEST_CERTIFICATES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "support",
                                      "make-test-certificates.sh")
TOKEN = "s3cr3t-T0ken"


def _authorization(context):
    return dict(context.invocation_metadata()).get("authorization", "")


class EchoMetrics(metrics_service_pb2_grpc.MetricsServiceServicer):
    """ListMetrics answers one metric named after the call's authorization,
    described by the client certificate's common name; GetMetric fails with
    the status code it is asked for ("metrics/PERMISSION_DENIED")."""

    def ListMetrics(self, request, context):
        [common_name] = context.auth_context().get("x509_common_name", [b""])
        metric = metric_pb2.Metric(name=_authorization(context), description=common_name.decode())
        return metrics_service_pb2.ListMetricsResponse(metrics=[metric])

    def GetMetric(self, request, context):
        context.abort(grpc.StatusCode[request.name.removeprefix("metrics/")], "refused by the test")


class EchoAlerts(alerts_pb2_grpc.AlertServiceServicer):
    """WatchAlerts streams one event whose alert's message is the call's authorization."""

    def WatchAlerts(self, request, context):
        yield alerts_pb2.WatchAlertsResponse(alert=alerts_pb2.Alert(message=_authorization(context)))


class ConnectionTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        subprocess.run([MAKE_TEST_CERTIFICATES, cls.directory.name], check=True)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def file(self, name):
        return os.path.join(self.directory.name, name)

    def pem(self, name):
        with open(self.file(name), "rb") as file:
            return file.read()

    def serve(self, transport):
        """Starts the echo server ("plaintext", "tls" or "mutual_tls") on a loopback port; its address."""
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
        metrics_service_pb2_grpc.add_MetricsServiceServicer_to_server(EchoMetrics(), server)
        alerts_pb2_grpc.add_AlertServiceServicer_to_server(EchoAlerts(), server)
        if transport == "plaintext":
            port = server.add_insecure_port("127.0.0.1:0")
        else:
            credentials = grpc.ssl_server_credentials(
                [(self.pem("server.key"), self.pem("server.pem"))], root_certificates=self.pem("ca.pem"),
                require_client_auth=transport == "mutual_tls")
            port = server.add_secure_port("127.0.0.1:0", credentials)
        server.start()
        self.addCleanup(server.stop, None)
        return f"127.0.0.1:{port}"

    def connect(self, address, **options):
        client = Client(address, timeout=10, **options)
        self.addCleanup(client.close)
        return client

    def assert_token_on_every_call(self, client):
        [echo] = client.list_metrics()
        self.assertEqual(echo.name, f"Bearer {TOKEN}")
        events = client.watch_alerts(timeout=10)
        self.assertEqual(next(events).alert.message, f"Bearer {TOKEN}")
        events.close()

    def test_plaintext_without_a_token_sends_no_authorization(self):
        [echo] = self.connect(self.serve("plaintext")).list_metrics()
        self.assertEqual(echo.name, "")

    def test_a_token_goes_in_plaintext_to_a_loopback_server(self):
        self.assert_token_on_every_call(self.connect(self.serve("plaintext"), token=TOKEN))

    def test_tls_verifies_the_server_and_carries_the_token(self):
        client = self.connect(self.serve("tls"), ca_file=self.file("ca.pem"), token=TOKEN)
        self.assert_token_on_every_call(client)

    def test_the_server_name_override_is_the_name_verified(self):
        address = self.serve("tls")
        self.assertEqual(len(self.connect(address, ca_file=self.file("ca.pem"), server_name="localhost")
                             .list_metrics()), 1)
        with self.assertRaises(SalesmetricsError) as raised:
            self.connect(address, ca_file=self.file("ca.pem"), server_name="elsewhere.test").list_metrics()
        self.assertEqual(raised.exception.code, grpc.StatusCode.UNAVAILABLE)

    def test_mutual_tls_presents_the_client_certificate(self):
        client = self.connect(self.serve("mutual_tls"), ca_file=self.file("ca.pem"),
                              cert_file=self.file("client.pem"), key_file=self.file("client.key"))
        [echo] = client.list_metrics()
        self.assertEqual((echo.name, echo.description), ("", "reporting.acme.test"))

    def test_connections_that_cannot_be_verified_fail_with_unavailable(self):
        for transport, ca_file in (("tls", "other-ca.pem"), ("mutual_tls", "ca.pem")):
            with self.subTest(transport=transport, ca_file=ca_file):
                client = self.connect(self.serve(transport), ca_file=self.file(ca_file), token=TOKEN)
                with self.assertRaises(SalesmetricsError) as raised:
                    client.list_metrics()
                self.assertEqual(raised.exception.code, grpc.StatusCode.UNAVAILABLE)

    def test_a_refused_caller_gets_a_salesmetrics_error_with_the_code(self):
        client = self.connect(self.serve("plaintext"), token=TOKEN)
        for code in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
            with self.subTest(code=code), self.assertRaises(SalesmetricsError) as raised:
                client.get_metric(code.name)
            self.assertEqual((raised.exception.code, raised.exception.message), (code, "refused by the test"))


class OptionsTest(unittest.TestCase):
    def test_options_that_do_not_go_together_are_refused(self):
        for options, message in (
                ({"ca_file": "ca.pem", "cert_file": "client.pem"}, "cert_file and key_file go together"),
                ({"ca_file": "ca.pem", "key_file": "client.key"}, "cert_file and key_file go together"),
                ({"server_name": "localhost"}, "need ca_file"),
                ({"credentials": grpc.ssl_channel_credentials(), "ca_file": "ca.pem"}, "credentials replaces")):
            with self.subTest(options=options), self.assertRaisesRegex(ValueError, message):
                Client("127.0.0.1:1", **options)

    def test_a_file_that_cannot_be_read_is_named_with_its_option(self):
        with self.assertRaisesRegex(FileNotFoundError, "ca_file: cannot read /nonexistent/ca.pem: No such file"):
            Client("127.0.0.1:1", ca_file="/nonexistent/ca.pem")

    def test_a_token_that_is_not_one_is_refused_without_being_shown(self):
        for token in ("two words", "", "caf\u00e9", "line\n"):
            with self.subTest(token=token), self.assertRaises(ValueError) as raised:
                Client("127.0.0.1:1", token=token)
            self.assertIn("token must be", str(raised.exception))
            self.assertNotIn("words", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
