/** Reads an import (a granted path or dropped bytes) with the same reader the CLI uses. */
import path from 'node:path';
import { domainsFileBytes, readDomainsBuffer, readDomainsFile } from '../io/read-domains';

export type ImportSource = { kind: 'path'; path: string } | { kind: 'bytes'; name: string; bytes: Buffer };

export type { DomainsFile } from '../../shared/domains-file';
import type { DomainsFile } from '../../shared/domains-file';

export function sourceName(source: ImportSource): string {
  return source.kind === 'path' ? path.basename(source.path) : path.basename(source.name);
}

export async function readSource(source: ImportSource, opts: { sheet?: string; column?: string }): Promise<DomainsFile> {
  return source.kind === 'path' ? readDomainsFile(source.path, opts) : readDomainsBuffer(source.bytes, source.name, opts);
}

/**
 * About what keeping an import costs: its rows, and for dropped bytes the whole memory block they sit in (a
 * Buffer over an IPC message keeps all of that message's ArrayBuffer alive).
 */
export function importBytes(source: ImportSource, parsed: DomainsFile): number {
  return domainsFileBytes(parsed) + (source.kind === 'bytes' ? source.bytes.buffer.byteLength : 0);
}

/** Whether two sources are the same file read again: the same path, or the same dropped bytes. */
export function sameSource(a: ImportSource, b: ImportSource): boolean {
  if (a.kind === 'path' && b.kind === 'path') return path.resolve(a.path) === path.resolve(b.path);
  return a === b;
}
