import { OUTCOMES, OUTCOME_LABEL, OUTCOME_MEANING, type Outcome } from '../../shared/outcome';
import { ShareChart } from './ShareChart';

interface Props {
  counts: Partial<Record<Outcome, number>>;
  onSelect?: (outcome: Outcome | undefined) => void;
  selected?: Outcome;
}

/** The protection outcome of the audited domains, worst first, each bar its share of the whole. */
export function OutcomeChart(props: Props) {
  return <ShareChart label="Protection outcome" order={OUTCOMES} labels={OUTCOME_LABEL} hints={OUTCOME_MEANING} fillPrefix="fill-outcome-" {...props} />;
}
