/**
 * One export of a stored run (workbook, PDF evidence pack or signed bundle) as plain data, so that it can be
 * handed to a worker thread (run-export.ts) as well as done in the caller's thread, and what doing it means.
 * Everything in a job survives structured cloning; a signing key's KeyObjects do too.
 */
import type Database from 'better-sqlite3';
import type { TagFilter } from '../../../shared/tags';
import { getRunInput } from '../../store/run-inputs';
import { writeBundleFile } from '../bundle/write-bundle';
import type { SigningKey } from '../bundle/signing-key';
import { writeEvidencePdfFile, type DomainPages } from '../evidence-pack';
import { openStoreSource } from '../report/store-source';
import { writeWorkbookFile } from '../workbook';

interface JobBase {
  runId: number;
  /** Only the domains whose tag holds this value (one owner's deliverable). */
  tag?: TagFilter;
  /** Who prepared the audit: "Prepared by", the PDF's author and the workbook's creator. */
  auditor?: string;
}

export type ExportJob =
  | (JobBase & { kind: 'workbook' })
  | (JobBase & { kind: 'pdf'; summaryOnly: boolean; domainPages?: DomainPages })
  | (JobBase & { kind: 'bundle'; summaryOnly?: boolean; domainPages?: DomainPages; signingKey: SigningKey });

/**
 * Writes the job's file into `file` as it is, reading the run from `db` (a snapshot: store-source.ts). A
 * bundle's large parts go first into `workDir` (bundleWorkDir), which the caller made and removes.
 */
export async function writeExportFile(db: Database.Database, job: ExportJob, file: string, workDir: string | undefined): Promise<void> {
  const source = openStoreSource(db, job.runId, { tag: job.tag });
  try {
    if (job.kind === 'workbook') {
      await writeWorkbookFile(source, file, { preparedBy: job.auditor });
    } else if (job.kind === 'pdf') {
      await writeEvidencePdfFile(source, file, { summaryOnly: job.summaryOnly, auditor: job.auditor, domainPages: job.domainPages });
    } else {
      if (!workDir) throw new Error('a bundle is written through a work folder');
      const { summaryOnly, auditor, domainPages, signingKey } = job;
      await writeBundleFile(source, file, workDir, { summaryOnly, auditor, domainPages, signingKey, input: getRunInput(db, job.runId) });
    }
  } finally {
    source.close();
  }
}
