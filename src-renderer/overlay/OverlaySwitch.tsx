import type { OverlayMode } from './overlay-math';
import { useOverlayStore } from './overlay-store';

const MODES: { mode: OverlayMode; label: string; title: string }[] = [
  { mode: 'off', label: 'Off', title: 'No overlay' },
  { mode: 'weights', label: 'Weights', title: 'Colour by the sign of each weight, width by its size' },
  { mode: 'contributions', label: 'Contributions', title: 'For one sample: colour by the sign of c = w·o, width by its share of the neuron’s input' },
  { mode: 'dataset', label: 'Dataset', title: 'Across a dataset: mean contribution and the share of rows in which each synapse excites' },
];

/** The overlay switch: a segmented control for the toolbar. */
export function OverlaySwitch() {
  const mode = useOverlayStore((s) => s.mode);
  const setMode = useOverlayStore((s) => s.setMode);
  return (
    <div className="overlay-switch" role="radiogroup" aria-label="Overlay">
      {MODES.map((m) => (
        <button key={m.mode} type="button" role="radio" aria-checked={mode === m.mode} title={m.title} data-testid={`overlay-${m.mode}`} className={mode === m.mode ? 'is-on' : ''} onClick={() => setMode(m.mode)}>
          {m.label}
        </button>
      ))}
    </div>
  );
}
