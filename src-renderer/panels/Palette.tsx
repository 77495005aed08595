import type { DragEvent } from 'react';
import type { NeuronRole } from '../../src-shared/model/network';
import { addDenseGroupFromSelection, getViewCenter } from '../commands';
import { NEURON_SIZE, PALETTE_MIME, type PaletteItem } from '../canvas/palette-dnd';
import { useEditorStore } from '../state/editor-store';
import { addNeuron } from '../state/network-edits';
import { useUiStore } from '../state/ui-store';
import { Icon } from '../ui/icons';

const TILES: { role: NeuronRole; title: string; text: string }[] = [
  { role: 'input', title: 'Input', text: 'Fed by a data column' },
  { role: 'hidden', title: 'Hidden', text: 'Computes σ(b + Σ w·x)' },
  { role: 'output', title: 'Output', text: 'A prediction' },
];

function startDrag(e: DragEvent, item: PaletteItem) {
  e.dataTransfer.setData(PALETTE_MIME, item);
  e.dataTransfer.effectAllowed = 'copy';
}

/** Adds a neuron at the centre of the view (clicking a tile instead of dragging it). */
function addAtCenter(role: NeuronRole) {
  const c = getViewCenter();
  const store = useEditorStore.getState();
  let id = '';
  // Nudge each click-added neuron so repeated clicks do not stack exactly.
  const k = store.network.neurons.length % 5;
  store.commit((net) => {
    const r = addNeuron(net, role, { x: Math.round(c.x - NEURON_SIZE.width / 2 + 12 * k), y: Math.round(c.y - NEURON_SIZE.height / 2 + 12 * k) });
    id = r.id;
    return r.network;
  });
  useEditorStore.getState().select({ neurons: [id] });
}

/**
 * The left panel: neuron tiles to drag (or click) onto the canvas, and the dense-group tool. Collapsed,
 * it is a narrow rail of the same tiles (titles only), so the canvas gets the room.
 */
export function Palette() {
  const denseCount = useUiStore((s) => s.denseCount);
  const setDenseCount = useUiStore((s) => s.setDenseCount);
  const open = useUiStore((s) => s.paletteOpen);
  const selected = useEditorStore((s) => s.selection.neurons.length);
  return (
    <nav className={open ? 'palette' : 'palette palette--rail'} aria-label="Palette" data-testid="palette" data-open={open}>
      <button
        type="button"
        className="palette__toggle"
        data-testid="palette-toggle"
        aria-expanded={open}
        aria-label={open ? 'Collapse the palette' : 'Expand the palette'}
        title={open ? 'Collapse the palette (View › Palette)' : 'Expand the palette (View › Palette)'}
        onClick={() => useUiStore.getState().togglePanel('palette')}
      >
        {open ? '«' : '»'}
      </button>
      <div className="palette__heading">Neurons</div>
      {TILES.map((t) => (
        <div
          key={t.role}
          className={`tile tile--${t.role}`}
          data-testid={`palette-${t.role}`}
          draggable
          role="button"
          tabIndex={0}
          title={`${t.title}: ${t.text}. Drag onto the canvas, or click to add at the centre`}
          onDragStart={(e) => startDrag(e, t.role)}
          onClick={() => addAtCenter(t.role)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              addAtCenter(t.role);
            }
          }}
        >
          <span className="tile__accent" />
          <span className="tile__body">
            <span className="tile__title">{t.title}</span>
            <span className="tile__text">{t.text}</span>
          </span>
        </div>
      ))}
      <div className="palette__heading">Tools</div>
      <div
        className="tile tile--dense"
        data-testid="palette-dense"
        draggable
        role="button"
        tabIndex={0}
        title="Dense group: adds a column of hidden neurons, each wired from every selected neuron"
        onDragStart={(e) => startDrag(e, 'dense')}
        onClick={() => addDenseGroupFromSelection()}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            addDenseGroupFromSelection();
          }
        }}
      >
        <Icon name="dense" />
        <span className="tile__body">
          <span className="tile__title">{open ? 'Dense group' : 'Dense'}</span>
          <span className="tile__text">{selected ? `${denseCount} hidden, fed by ${selected} selected` : `${denseCount} hidden neurons`}</span>
        </span>
      </div>
      <label className="palette__count">
        Size
        <input type="number" min={1} max={512} value={denseCount} onChange={(e) => setDenseCount(Number(e.target.value))} aria-label="Dense group size" />
      </label>
      <div className="palette__hint">
        Wire neurons by dragging from the <b>●</b> on a neuron's right edge to another neuron.
      </div>
    </nav>
  );
}
