// Proto enum values as short lower-case labels: 'SEVERITY_RED' -> 'red'.
export type Label<Raw extends string, Prefix extends string> =
  Raw extends `${Prefix}${infer Rest}` ? Lowercase<Rest> : never;

export function label<Raw extends string, Prefix extends string>(prefix: Prefix, raw: Raw): Label<Raw, Prefix> {
  if (!raw.startsWith(prefix)) throw new Error(`enum value ${raw} lacks the prefix ${prefix}`);
  return raw.slice(prefix.length).toLowerCase() as Label<Raw, Prefix>;
}

export function unlabel<Raw extends string, Prefix extends string>(prefix: Prefix, value: Label<Raw, Prefix>): Raw {
  return `${prefix}${value.toUpperCase()}` as Raw;
}
