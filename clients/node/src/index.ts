export type { Alert, AlertEvaluation, AlertEvent, Severity } from './alerts';
export { Client, DEFAULT_SERVER, type ClientOptions } from './client';
export type * from './dashboards';
export { SalesmetricsError, type StatusCodeName } from './errors';
export type * from './metrics';
export { Money } from './money';
export type * from './requests';
export type { FieldViolation } from './status-details';
export type { Fraction, Value } from './values';
