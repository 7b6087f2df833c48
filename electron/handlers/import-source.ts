/** Reads an import (a granted path or dropped bytes) with the same reader the CLI uses. */
import path from 'node:path';
import { readDomainsBuffer, readDomainsFile } from '../io/read-domains';

export type ImportSource = { kind: 'path'; path: string } | { kind: 'bytes'; name: string; bytes: Buffer };

export type DomainsFile = Awaited<ReturnType<typeof readDomainsFile>>;

export function sourceName(source: ImportSource): string {
  return source.kind === 'path' ? path.basename(source.path) : path.basename(source.name);
}

export async function readSource(source: ImportSource, opts: { sheet?: string; column?: string }): Promise<DomainsFile> {
  return source.kind === 'path' ? readDomainsFile(source.path, opts) : readDomainsBuffer(source.bytes, source.name, opts);
}
