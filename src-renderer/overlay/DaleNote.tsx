import { memo } from 'react';
import { daleNote } from './overlay-math';
import { useOverlayStore } from './overlay-store';

/** A mark beside an E or I badge when the neuron's output is negative for this sample, saying why its synapses look the other way. */
export const DaleNote = memo(function DaleNote({ id, label, dale }: { id: string; label: string; dale: 'E' | 'I' }) {
  const o = useOverlayStore((s) => (s.mode === 'contributions' ? s.sample?.o.get(id) : undefined));
  const note = o === undefined ? null : daleNote(dale, label, o);
  if (!note) return null;
  return (
    <span className="neuron__dale-note" data-testid={`dale-note-${label}`} title={note} aria-label={note}>
      o&lt;0
    </span>
  );
});
