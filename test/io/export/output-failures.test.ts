/**
 * An export that cannot be written fails, quickly and clearly, and leaves no half-written file: a folder that
 * does not exist, a path that is a folder, and a stream that breaks part-way (a full disk), on a run large
 * enough that the workbook's writer waits on its output.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { writeWorkbookFrom, writeWorkbookTo } from '../../../electron/io/workbook';
import { writeEvidencePdfFrom } from '../../../electron/io/evidence-pack';
import { memorySource } from '../../../electron/io/report/memory-source';
import { estate, makeRun } from './fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-export-fail-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const big = (n = 3000) => memorySource({ run: makeRun({ total: n }), items: estate(n) });

describe('exports that cannot be written', () => {
  it('reject at once for a folder that does not exist', async () => {
    const target = path.join(tmp, 'missing', 'audit.xlsx');
    await expect(writeWorkbookFrom(big(), target)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writeEvidencePdfFrom(big(), path.join(tmp, 'missing', 'audit.pdf'), { summaryOnly: true })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(fs.existsSync(path.join(tmp, 'missing'))).toBe(false);
  });

  it('reject for a path that is a folder', async () => {
    await expect(writeWorkbookFrom(big(), tmp)).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('reject when the output breaks part-way, instead of waiting forever', async () => {
    let written = 0;
    const breaking = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        // Slow (the writer's backlog grows past its limit, so it waits on the output), then full.
        if (written > 256 * 1024) setTimeout(() => done(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })), 20);
        else setTimeout(done, 20);
      },
    });
    await expect(writeWorkbookTo(big(8000), breaking)).rejects.toMatchObject({ code: 'ENOSPC' });
  }, 60_000);
});
