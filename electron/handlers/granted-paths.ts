/**
 * Paths the user chose in a native dialog during this session. The renderer may only read, write or reveal
 * those: a compromised renderer cannot make the app read or overwrite an arbitrary file.
 */
import path from 'node:path';

export interface GrantedPaths {
  grant(kind: 'read' | 'write', file: string): string;
  check(kind: 'read' | 'write' | 'show', file: string): boolean;
}

export function createGrantedPaths(): GrantedPaths {
  const read = new Set<string>();
  const write = new Set<string>();
  const key = (file: string) => path.resolve(file);
  return {
    grant(kind, file) {
      (kind === 'read' ? read : write).add(key(file));
      return file;
    },
    check(kind, file) {
      const k = key(file);
      if (kind === 'read') return read.has(k);
      if (kind === 'write') return write.has(k);
      return read.has(k) || write.has(k);
    },
  };
}
