/**
 * What the synapse colours mean, following the overlay: Weights speaks of the sign of w; Contributions and
 * Dataset of excites / inhibits by the sign of c = w·o; with the overlay off, edges are neutral.
 */
import type { ReactNode } from 'react';
import { SIGN_COLORS } from '../ui/sign-colors';
import type { OverlayMode } from './overlay-math';
import { useOverlayStore } from './overlay-store';

function Swatch({ color, dashed }: { color: string; dashed?: boolean }) {
  return (
    <svg width={28} height={10} aria-hidden="true" className="legend-swatch">
      <line x1={2} x2={26} y1={5} y2={5} style={{ stroke: color, strokeWidth: 3, strokeLinecap: 'round', strokeDasharray: dashed ? '6 3' : undefined }} />
    </svg>
  );
}

/** The legend's lines for a mode: [swatch, text] pairs and a sentence on width and the rule. */
export function legendFor(mode: OverlayMode): { items: { color: string; dashed?: boolean; text: ReactNode }[]; note: string } {
  switch (mode) {
    case 'off':
      return {
        items: [{ color: SIGN_COLORS.neutral, text: 'synapse (overlay off: no sign shown)' }],
        note: 'Switch the overlay to Weights (1) to colour synapses by the sign of w, or to Contributions (2) to see which excite and which inhibit for a sample.',
      };
    case 'weights':
      return {
        items: [
          { color: SIGN_COLORS.positive, text: 'positive weight (w > 0)' },
          { color: SIGN_COLORS.negative, text: 'negative weight (w < 0)' },
        ],
        note: 'Width grows with |w|. A weight’s sign is not yet its effect: c = w·o, so a negative output through a negative weight excites (see Contributions).',
      };
    case 'contributions':
      return {
        items: [
          { color: SIGN_COLORS.positive, text: 'excites: c = w·o > 0' },
          { color: SIGN_COLORS.negative, text: 'inhibits: c = w·o < 0' },
          { color: SIGN_COLORS.zero, text: 'nothing: c = 0 (a silent source)' },
          { color: SIGN_COLORS.positive, dashed: true, text: '± sign flip: the source’s output is negative, so c has the opposite sign of w' },
        ],
        note: 'Width: the synapse’s share of everything flowing into its target. Under each neuron: Σ excitatory, Σ inhibitory and bias → z on its activation → o (hover or select for the equation).',
      };
    case 'dataset':
      return {
        items: [
          { color: SIGN_COLORS.positive, text: 'excites on average: mean c = w·o > 0' },
          { color: SIGN_COLORS.negative, text: 'inhibits on average: mean c < 0' },
        ],
        note: 'Width: mean |c| relative to the target’s strongest input; hover a synapse for the share of rows in which it excites.',
      };
  }
}

/** The legend of the current overlay (the overlay panel and the inspector's "Reading the canvas" show it). */
export function CanvasLegend({ testId = 'canvas-legend' }: { testId?: string }) {
  const mode = useOverlayStore((s) => s.mode);
  const { items, note } = legendFor(mode);
  return (
    <div className="canvas-legend" data-testid={testId} data-mode={mode}>
      <ul className="canvas-legend__items">
        {items.map((it, k) => (
          <li key={k}>
            <Swatch color={it.color} dashed={it.dashed} />
            <span>{it.text}</span>
          </li>
        ))}
      </ul>
      <p className="canvas-legend__note">{note}</p>
    </div>
  );
}
