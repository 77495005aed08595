import { memo } from 'react';
import { activationScalar } from '../../src-shared/engine/activations';
import type { ActivationKind } from '../../src-shared/model/activation-kind';
import { SHORT_NAMES } from '../ui/activation-names';
import { SIGN_COLORS } from '../ui/sign-colors';
import { budgetEquation, softmaxMember, type Budget } from './overlay-math';
import { useOverlayStore } from './overlay-store';
import { formatExact } from '../../src-shared/format-number';

const CW = 36;
const CH = 22;
const BW = 48;
const BH = 22;

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
  const sx = (x: number) => 3 + ((x - c + 3) / 6) * (CW - 6);
  const sy = (y: number) => CH - 3 - ((y - lo) / (hi - lo || 1)) * (CH - 6);
  const d = xs.map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(ys[i]).toFixed(1)}`).join('');
  return (
    <svg width={CW} height={CH} className="budget__curve" aria-hidden="true" data-curve={shift !== null ? 'softmax' : kind} data-dot-x={sx(zc).toFixed(2)} data-dot-y={sy(oc).toFixed(2)}>
      <line className="glyph__axis" x1={0} x2={CW} y1={sy(0)} y2={sy(0)} />
      {c === 0 && <line className="glyph__axis" x1={sx(0)} x2={sx(0)} y1={0} y2={CH} />}
      <path className="glyph__curve" d={d} />
      <circle className="budget__dot" cx={sx(zc)} cy={sy(oc)} r={3.5} style={{ fill: o > 0 ? SIGN_COLORS.positive : o < 0 ? SIGN_COLORS.negative : SIGN_COLORS.zero }} />
    </svg>
  );
}

/**
 * Σ excitatory (orange, right of 0), Σ inhibitory (purple, left of 0) and the bias (grey) as bars on one
 * scale centred on 0, with z (their sum) as a tick: which side wins, and by how much, at a glance.
 */
function BudgetBars({ b }: { b: Budget }) {
  const m = Math.max(Math.abs(b.excitatory), Math.abs(b.inhibitory), Math.abs(b.bias), Math.abs(b.z)) || 1;
  const mid = BW / 2;
  const x = (v: number) => mid + (v / m) * (mid - 2);
  const bar = (v: number, y: number, h: number, fill: string, cls: string) => <rect className={cls} x={Math.min(mid, x(v))} y={y} width={Math.abs(x(v) - mid)} height={h} rx={1} style={{ fill }} />;
  return (
    <svg width={BW} height={BH} className="budget__bars" aria-hidden="true">
      <line className="glyph__axis" x1={mid} x2={mid} y1={0} y2={BH} />
      {bar(b.excitatory, 2, 6, SIGN_COLORS.positive, 'budget__e')}
      {bar(b.inhibitory, 9, 6, SIGN_COLORS.negative, 'budget__i')}
      {bar(b.bias, 16, 4, SIGN_COLORS.zero, 'budget__b')}
      <line className="budget__z" x1={x(b.z)} x2={x(b.z)} y1={0} y2={BH} />
    </svg>
  );
}

/**
 * A neuron's E/I budget under the contribution overlay, compact enough to sit under its card: the bars,
 * the activation curve with z marked, and o. The whole equation in words shows on hover or selection.
 */
export const NeuronBudget = memo(function NeuronBudget({ id, label, kind, softmax, selected }: { id: string; label: string; kind: ActivationKind; softmax: boolean; selected: boolean }) {
  const b = useOverlayStore((s) => (s.mode === 'contributions' ? s.budgets.get(id) : undefined));
  const lesioned = useOverlayStore((s) => s.lesions.neurons.includes(id));
  if (!b) return null;
  const equation = budgetEquation(b, softmax ? 'softmax' : SHORT_NAMES[kind]);
  return (
    <div
      className={`budget${selected ? ' is-selected' : ''}`}
      data-testid={`budget-${label}`}
      data-excitatory={formatExact(b.excitatory)}
      data-inhibitory={formatExact(b.inhibitory)}
      data-z={formatExact(b.z)}
      data-o={formatExact(b.o)}
      aria-label={`${label}: ${equation}`}
    >
      <BudgetBars b={b} />
      <CurveWithDot kind={kind} z={b.z} o={b.o} shift={b.softmaxShift} />
      <span className="budget__o">
        o {b.o.toFixed(2).replace('-', '−')}
        {lesioned ? ' ✕' : ''}
      </span>
      <div className="budget__equation" data-testid={`budget-equation-${label}`} role="tooltip">
        {equation}
        {lesioned ? ' (lesioned: switched off for this sample)' : ''}
      </div>
    </div>
  );
});
