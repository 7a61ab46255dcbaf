import type { Timestamp, Timestamp__Output } from './generated/google/protobuf/Timestamp';

export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

// A Date holds milliseconds: sub-millisecond nanos are dropped.
export function toDate(timestamp: Timestamp__Output | null): Date | null {
  if (timestamp === null) return null;
  return new Date(Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1_000_000));
}

// For the instants the server always sets (the period of a response).
export function requireDate(timestamp: Timestamp__Output | null, field: string): Date {
  const date = toDate(timestamp);
  if (date === null) throw new Error(`the server's response lacks ${field}`);
  return date;
}
