import { describeDifference, type VerifyOutcome } from '../../shared/bundle-verify';
import { formatDate } from '../format';

const FILE_WORD = { ok: 'matches', modified: 'modified', missing: 'missing', extra: 'not in the manifest' } as const;

/** What "Verify a bundle" found, in the words of the CLI's `verify`: verdict first, then every reason. */
export function VerifyResult({ outcome, onClose, onOpen, busy }: { outcome: VerifyOutcome; onClose: () => void; onOpen?: () => void; busy?: boolean }) {
  const close = <button type="button" className="btn" onClick={onClose}>Close</button>;
  if ('refused' in outcome) {
    return (
      <section className="card verify-result" aria-label="Bundle verification">
        <h2><span className="badge verify-bad">Not verified</span> {outcome.bundle}</h2>
        <p>The file was refused before anything in it was checked: {outcome.refused}</p>
        {close}
      </section>
    );
  }
  const r = outcome;
  const changed = r.files.filter((f) => f.status !== 'ok');
  const differing = r.rejudged ? new Set(r.rejudged.differences.map((d) => d.domain)).size : 0;
  return (
    <section className="card verify-result" aria-label="Bundle verification">
      <h2><span className={`badge ${r.ok ? 'verify-ok' : 'verify-bad'}`}>{r.ok ? 'Verified' : 'Not verified'}</span> {r.bundle}</h2>
      <dl className="verify-facts">
        <dt>Signature</dt>
        <dd>{r.signature === 'valid' ? 'valid' : r.signature === 'missing' ? 'none' : 'does not match'}
          {r.signer && <> · key <span className="mono">{r.signer.fingerprint}</span>{r.signer.signedAt ? `, signed ${formatDate(r.signer.signedAt)}` : ''}</>}</dd>
        <dt>Files</dt>
        <dd>{r.files.length - changed.length} of {r.files.filter((f) => f.status !== 'extra').length} listed in the manifest match</dd>
        {r.evidence && <><dt>Evidence</dt><dd>{r.evidence.domains} domain(s), schema version {r.evidence.schemaVersion}</dd></>}
        {r.rejudged && <><dt>Verdicts</dt><dd>{r.rejudged.domains} domain(s) judged again from their recorded evidence; {differing === 0 ? 'every verdict follows from its evidence' : `${differing} differ`}</dd></>}
        {r.tool && <><dt>Made with</dt><dd>MTA-STS Auditor {r.tool.version ?? '?'}</dd></>}
      </dl>
      {changed.length > 0 && (
        <ul className="plain-list verify-files" aria-label="Files that do not match">
          {changed.map((f) => <li key={f.name}><span className="mono">{f.name}</span>: {FILE_WORD[f.status]}</li>)}
        </ul>
      )}
      {r.rejudged && r.rejudged.differences.length > 0 && (
        <ul className="plain-list verify-differences" aria-label="Verdicts that differ">
          {r.rejudged.differences.map((d, i) => <li key={i}><strong>{d.domain}</strong>: {describeDifference(d)}</li>)}
        </ul>
      )}
      {r.problems.length > 0 && (
        <ul className="verify-problems" aria-label="Why it is not verified">
          {r.problems.map((p, i) => <li key={i}>{p}</li>)}
        </ul>
      )}
      <div className="verify-actions">
        {r.ok && onOpen && <button type="button" className="btn btn-primary" onClick={onOpen} disabled={busy}>Open as a read-only audit</button>}
        {close}
      </div>
    </section>
  );
}
