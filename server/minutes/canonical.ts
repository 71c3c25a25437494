/**
 * The bytes that are hashed and chained for sealed minutes: the record's JSON in the RFC 8785
 * JSON Canonicalization Scheme (JCS), and SHA-256 over it.
 */
import { createHash } from "node:crypto";
import type { MinutesRecord } from "../../shared/minutes/record.js";

/** The record's canonical JSON (RFC 8785): what `sha256Hex` is taken over when sealing. */
export function canonicalJson(record: MinutesRecord): string {
  return canonicalize(record);
}

/**
 * RFC 8785 for plain JSON data. Strings and numbers use ECMAScript's JSON forms, which the RFC
 * adopts; keys are sorted by UTF-16 code units, which is what `Array.prototype.sort` compares.
 * Anything that is not plain JSON throws instead of being dropped or coerced the way
 * `JSON.stringify` would, because a silently different serialization is a different hash.
 */
export function canonicalize(value: unknown): string {
  return serialize(value, "$");
}

/** SHA-256 of the data (strings as UTF-8), in lowercase hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

// In /u mode a surrogate pair is one code point, so this matches only lone surrogates.
const LONE_SURROGATE = /\p{Surrogate}/u;

function serialize(value: unknown, path: string): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "string") {
    // I-JSON (RFC 7493), which RFC 8785 requires, has no lone surrogates.
    if (LONE_SURROGATE.test(value)) throw new TypeError(`canonicalize: lone surrogate in string at ${path}`);
    return JSON.stringify(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalize: non-finite number at ${path}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialize(item, `${path}[${i}]`)).join(",")}]`;
  }
  if (typeof value === "object" && isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => {
        const item = (value as Record<string, unknown>)[key];
        return `${serialize(key, path)}:${serialize(item, `${path}.${key}`)}`;
      });
    return `{${entries.join(",")}}`;
  }
  throw new TypeError(`canonicalize: ${describe(value)} at ${path} is not JSON data`);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === "object" && value !== null) return value.constructor?.name ?? "object";
  return typeof value;
}
