/**
 * Reads a domain list from a path for an audit that keeps its input (store/run-inputs.ts). A file within the
 * keep cap is read into memory once and parsed from those bytes, so the bytes kept are exactly the bytes
 * audited; a larger one is parsed from the file (streamed, as before) and named by its size and SHA-256.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { inputFileOf, MAX_KEPT_INPUT_BYTES, type RunInputFile } from '../store/run-inputs';
import { readDomainsBuffer, readDomainsFile, type DomainsFile, type ReadOptions } from './read-domains';
import { importReport } from './import-report';

export async function readInputFile(file: string, opts: ReadOptions = {}): Promise<{ imported: DomainsFile; inputFile: RunInputFile }> {
  const name = path.basename(file);
  const size = (await fs.promises.stat(file)).size;
  if (size <= MAX_KEPT_INPUT_BYTES) {
    const bytes = await fs.promises.readFile(file);
    const imported = await readDomainsBuffer(bytes, name, opts);
    return { imported, inputFile: inputFileOf(name, bytes, importReport(name, imported)) };
  }
  const imported = await readDomainsFile(file, opts);
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return { imported, inputFile: { fileName: name, size, sha256: hash.digest('hex'), bytes: undefined, report: importReport(name, imported) } };
}
