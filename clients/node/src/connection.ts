// How the client reaches the server: plaintext or TLS (mutual with a client
// certificate), and the bearer token every call carries.
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';

export interface ConnectionOptions {
  // Default: plaintext. Replaces caFile, certFile, keyFile and serverName.
  credentials?: grpc.ChannelCredentials;
  // PEM file of the CAs to verify the server with; turns TLS on.
  caFile?: string;
  // PEM files of a client certificate and its key, for mutual TLS (with caFile).
  certFile?: string;
  keyFile?: string;
  // The name to verify the server's certificate against, instead of the address's host.
  serverName?: string;
  // Sent as `authorization: Bearer <token>` with every call, streams included;
  // without TLS, only to a loopback address.
  token?: string;
}

export interface Connection {
  credentials: grpc.ChannelCredentials;
  channelOptions: grpc.ChannelOptions;
  // What every call sends: the token when the channel cannot carry it (plaintext).
  callMetadata: grpc.Metadata;
}

// Whether address ("host:port", "[::1]:port", "dns:///host:port", "unix:path")
// is this machine's: localhost, 127.0.0.0/8, ::1 or a Unix socket.
export function isLoopback(address: string): boolean {
  if (/^unix(-abstract)?:/.test(address)) return true;
  const target = address.replace(/^(dns:(\/\/[^/]*\/)?|ipv4:|ipv6:)/, '');
  const host = target.startsWith('[') ? target.slice(1, target.indexOf(']')) : target.replace(/:\d*$/, '');
  return host === 'localhost' || host === '::1' || (isIPv4(host) && host.startsWith('127.'));
}

function readOption(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`${option}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code}`, { cause: error });
  }
}

// The token goes after "Bearer " in an HTTP/2 header: printable ASCII, no space.
function checkToken(token: string): void {
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new Error('token must be a non-empty string of printable ASCII characters without spaces (it is not shown)');
  }
}

function bearer(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

// What the options amount to; throws when they do not go together, a file
// cannot be read (naming the option), or a token would go in plaintext
// beyond this machine. No message shows the token.
export function connectionFor(address: string, options: ConnectionOptions): Connection {
  const { caFile, certFile, keyFile, serverName, token } = options;
  if (options.credentials && (caFile || certFile || keyFile || serverName)) {
    throw new Error('credentials replaces caFile, certFile, keyFile and serverName');
  }
  if (!certFile !== !keyFile) throw new Error('certFile and keyFile go together');
  if ((certFile || serverName) && !caFile) {
    throw new Error('certFile, keyFile and serverName need caFile (which turns TLS on)');
  }
  let credentials = options.credentials;
  if (caFile) {
    credentials = grpc.credentials.createSsl(
      readOption('caFile', caFile),
      keyFile ? readOption('keyFile', keyFile) : null,
      certFile ? readOption('certFile', certFile) : null,
    );
  }
  const channelOptions = serverName ? { 'grpc.ssl_target_name_override': serverName } : {};
  if (token === undefined) {
    credentials ??= grpc.credentials.createInsecure();
    return { credentials, channelOptions, callMetadata: new grpc.Metadata() };
  }
  checkToken(token);
  if (credentials) {
    // grpc-js sends call credentials over secure channels only.
    const callCredentials = grpc.credentials.createFromMetadataGenerator((_, done) => done(null, bearer(token)));
    credentials = grpc.credentials.combineChannelCredentials(credentials, callCredentials);
    return { credentials, channelOptions, callMetadata: new grpc.Metadata() };
  }
  if (!isLoopback(address)) {
    throw new Error(`token: without TLS (caFile), a token is sent only to a loopback address, not to ${address}`);
  }
  return { credentials: grpc.credentials.createInsecure(), channelOptions, callMetadata: bearer(token) };
}
