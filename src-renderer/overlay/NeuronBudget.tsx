import { memo } from 'react';
import { activationScalar } from '../../src-shared/engine/activations';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { fmt, softmaxMember } from './overlay-math';
import { useOverlayStore } from './overlay-store';
import { SIGN_COLORS } from '../canvas/sign-colors';

const W = 64;
const H = 22;

/**
 * The activation curve over z ∈ [−3, 3] with this sample's z marked by a dot (clamped to the edge). A softmax
 * member draws its probability against its own z with the other members' z fixed, centred where it crosses ½.
 */
function CurveWithDot({ kind, z, o, shift }: { kind: ActivationKind; z: number; o: number; shift: number | null }) {
  const c = shift !== null && Number.isFinite(shift) ? shift : 0;
  const f = (x: number) => (shift !== null ? softmaxMember(x, shift) : activationScalar(kind, x));
  const xs = Array.from({ length: 31 }, (_, i) => c - 3 + i / 5);
  const ys = xs.map(f);
  const zc = Math.max(c - 3, Math.min(c + 3, z));
  const oc = f(zc);
  const lo = Math.min(0, ...ys, oc);
  const hi = Math.max(0, ...ys, oc);
  const sx = (x: number) => 2 + ((x - c + 3) / 6) * (W - 4);
  const sy = (y: number) => H - 2 - ((y - lo) / (hi - lo || 1)) * (H - 4);
  const d = xs.map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join('');
  return (
    <svg width={W} height={H} className="budget__curve" aria-hidden="true" data-curve={shift !== null ? 'softmax' : kind} data-dot-x={sx(zc).toFixed(2)} data-dot-y={sy(oc).toFixed(2)}>
      <line className="glyph__axis" x1={0} x2={W} y1={sy(0)} y2={sy(0)} />
      {c === 0 && <line className="glyph__axis" x1={sx(0)} x2={sx(0)} y1={0} y2={H} />}
      <path className="glyph__curve" d={d} />
      <circle cx={sx(zc)} cy={sy(oc)} r={3} style={{ fill: o > 0 ? SIGN_COLORS.positive : o < 0 ? SIGN_COLORS.negative : SIGN_COLORS.zero, stroke: 'var(--surface)' }} strokeWidth={1} />
    </svg>
  );
}

/** A neuron's E/I budget under the contribution overlay: Σ excitatory, Σ inhibitory, bias → z, curve, o. */
export const NeuronBudget = memo(function NeuronBudget({ id, label, kind }: { id: string; label: string; kind: ActivationKind }) {
  const b = useOverlayStore((s) => (s.mode === 'contributions' ? s.budgets.get(id) : undefined));
  const lesioned = useOverlayStore((s) => s.lesions.neurons.includes(id));
  if (!b) return null;
  const total = b.excitatory - b.inhibitory + Math.abs(b.bias) || 1;
  return (
    <div className="budget" data-testid={`budget-${label}`} data-excitatory={fmt(b.excitatory)} data-inhibitory={fmt(b.inhibitory)} data-z={fmt(b.z)} data-o={fmt(b.o)}>
      <div className="budget__bar" aria-hidden="true">
        <span style={{ width: `${(100 * b.excitatory) / total}%`, background: SIGN_COLORS.positive }} />
        <span style={{ width: `${(-100 * b.inhibitory) / total}%`, background: SIGN_COLORS.negative }} />
        <span style={{ width: `${(100 * Math.abs(b.bias)) / total}%`, background: SIGN_COLORS.zero }} />
      </div>
      <div className="budget__text">
        <span>
          E +{fmt(b.excitatory)} I {fmt(b.inhibitory)} b {fmt(b.bias)} → z {fmt(b.z)}
        </span>
        <CurveWithDot kind={kind} z={b.z} o={b.o} shift={b.softmaxShift} />
        <span>o {fmt(b.o)}{lesioned ? ' (off)' : ''}</span>
      </div>
    </div>
  );
});
