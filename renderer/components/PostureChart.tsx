import type { Posture } from '../../shared/types';
import { POSTURE_HINT, POSTURE_LABEL, POSTURE_ORDER } from '../labels';
import { ShareChart } from './ShareChart';

interface Props {
  counts: Partial<Record<Posture, number>>;
  onSelect?: (posture: Posture | undefined) => void;
  selected?: Posture;
}

/** The posture distribution (the sender's view), each bar its share of the whole. */
export function PostureChart(props: Props) {
  return <ShareChart label="Posture distribution" order={POSTURE_ORDER} labels={POSTURE_LABEL} hints={POSTURE_HINT} fillPrefix="fill-" {...props} />;
}
