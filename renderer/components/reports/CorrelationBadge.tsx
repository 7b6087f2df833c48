import type { CorrelationClass } from '../../../shared/tlsrpt';
import { CORRELATION_LABEL, CORRELATION_MEANING } from '../../../shared/tlsrpt-words';

/** A comparison class in the shared words; its meaning on hover. */
export function CorrelationBadge({ cls }: { cls: CorrelationClass }) {
  return <span className={`badge corr-${cls}`} title={CORRELATION_MEANING[cls]}>{CORRELATION_LABEL[cls]}</span>;
}
