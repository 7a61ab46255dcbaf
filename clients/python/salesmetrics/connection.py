"""The channel to a server: plaintext or TLS (mutual with a client
certificate), and the bearer token every call on it carries."""
import grpc


def open_channel(address, *, credentials=None, ca_file=None, cert_file=None, key_file=None, server_name=None,
                 token=None):
    """A channel to address ("host:port").

    ca_file (PEM CAs to verify the server with) turns TLS on; cert_file and
    key_file add a client certificate; server_name is the name verified
    instead of the host of address. credentials (grpc.ChannelCredentials)
    replaces the four. token goes as "authorization: Bearer <token>" with
    every call, streams included: over TLS, or else in plaintext to a
    loopback address only (gRPC's local credentials refuse any other; the
    calls fail with UNAVAILABLE).

    Raises ValueError for options that do not go together or a token that is
    not one (without showing it), OSError naming the option of a file that
    cannot be read.
    """
    if credentials is not None and (ca_file or cert_file or key_file or server_name):
        raise ValueError("credentials replaces ca_file, cert_file, key_file and server_name")
    if bool(cert_file) != bool(key_file):
        raise ValueError("cert_file and key_file go together")
    if (cert_file or server_name) and not ca_file:
        raise ValueError("cert_file, key_file and server_name need ca_file (which turns TLS on)")
    if ca_file:
        credentials = grpc.ssl_channel_credentials(
            root_certificates=_read("ca_file", ca_file),
            private_key=_read("key_file", key_file) if key_file else None,
            certificate_chain=_read("cert_file", cert_file) if cert_file else None)
    if token is not None:
        _check_token(token)
        credentials = grpc.composite_channel_credentials(
            credentials or grpc.local_channel_credentials(grpc.LocalConnectionType.LOCAL_TCP),
            grpc.access_token_call_credentials(token))
    if credentials is None:
        return grpc.insecure_channel(address)
    options = [("grpc.ssl_target_name_override", server_name)] if server_name else []
    return grpc.secure_channel(address, credentials, options)


def _read(option, path):
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        raise type(error)(error.errno, f"{option}: cannot read {path}: {error.strerror}") from None


def _check_token(token):
    """A token goes after "Bearer " in an HTTP/2 header: printable ASCII, no space."""
    if not (isinstance(token, str) and token and token.isascii() and token.isprintable() and " " not in token):
        raise ValueError("token must be a non-empty str of printable ASCII characters without spaces "
                         "(it is not shown)")
