import type { Money__Output } from './generated/salesmetrics/v1/Money';

// An exact amount: integer minor units (fen, cents) of an ISO 4217 currency.
// Never a JS number, which loses exactness above 2^53.
export class Money {
  constructor(readonly currency: string, readonly minorUnits: bigint) {}

  static fromProto(raw: Money__Output): Money {
    return new Money(raw.currencyCode, BigInt(raw.minorUnits));
  }

  // ISO 4217 minor-unit digits (CNY 2, JPY 0), as the platform's ICU knows them.
  get fractionDigits(): number {
    return new Intl.NumberFormat('en', { style: 'currency', currency: this.currency })
      .resolvedOptions().maximumFractionDigits ?? 2;
  }

  // The exact amount in major units, e.g. "34041500.00".
  toDecimalString(): string {
    const digits = this.fractionDigits;
    const sign = this.minorUnits < 0n ? '-' : '';
    const magnitude = (this.minorUnits < 0n ? -this.minorUnits : this.minorUnits).toString().padStart(digits + 1, '0');
    if (digits === 0) return sign + magnitude;
    return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  }

  toString(): string {
    return `${this.toDecimalString()} ${this.currency}`;
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.minorUnits === other.minorUnits;
  }
}

// For the amounts the server always sets (a funnel stage's amounts).
export function requireMoney(raw: Money__Output | null, field: string): Money {
  if (raw === null) throw new Error(`the server's response lacks ${field}`);
  return Money.fromProto(raw);
}
