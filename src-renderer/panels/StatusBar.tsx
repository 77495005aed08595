import { useStore } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { validateNetwork, type NetworkIssue } from '../../src-shared/model/validate';
import { onConnectionChange, type ConnectionState } from '../api';
import { useProjectStore } from '../state/project-store';
import { useEditorStore } from '../state/editor-store';
import { useNetworkStructure } from '../state/use-structure';
import { useTrainingStore } from '../state/training-store';
import { plural } from '../../src-shared/plural';
import { SweepStatus } from '../training/SweepPanel';


function focusIssue(issue: NetworkIssue) {
  const s = useEditorStore.getState();
  if (issue.neuronId) s.select({ neurons: [issue.neuronId] });
  else if (issue.synapseId) s.select({ synapses: [issue.synapseId] });
}

/** The bottom bar: the network's validation state at all times, counts and zoom. */
export function StatusBar() {
  // Weights moving (training, a replay) never change what validation says.
  const net = useNetworkStructure();
  // Keyed on the parts validation reads, so recording the viewport does not re-validate.
  const issues = useMemo(() => validateNetwork(net), [net.neurons, net.synapses, net.softmaxGroups]); // eslint-disable-line react-hooks/exhaustive-deps
  const zoom = useStore((s) => s.transform[2]);
  const [open, setOpen] = useState(false);
  const [link, setLink] = useState<ConnectionState>('open');
  const busy = useProjectStore((s) => s.busy);
  const hasData = useTrainingStore((s) => s.datasets.length > 0);
  const bar = useRef<HTMLElement>(null);
  useEffect(() => onConnectionChange(setLink), []);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !bar.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [open]);
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.filter((i) => i.severity === 'warning');
  const inputs = net.neurons.filter((n) => n.role === 'input').length;
  const outputs = net.neurons.filter((n) => n.role === 'output').length;
  const empty = net.neurons.length === 0;
  const state = empty ? 'empty' : errors.length ? 'error' : warnings.length ? 'warning' : 'ok';
  let text: string;
  if (empty) text = 'Empty network: add an input and an output neuron to begin';
  else if (errors.length) text = errors[0].message + (errors.length > 1 ? ` (+${errors.length - 1} more)` : '');
  // "Ready" means ready to train, which takes a dataset as well as a valid network.
  else text = `${hasData ? 'Ready' : 'Valid'}: ${plural(inputs, 'input')}, ${plural(outputs, 'output')}` + (warnings.length ? ` · ${plural(warnings.length, 'warning')}` : '') + (hasData ? '' : ' · no dataset to train on yet');
  const look = state === 'ok' && !hasData ? 'idle' : state;
  return (
    <footer className="statusbar" ref={bar}>
      <button
        type="button"
        className={`status status--${look}`}
        data-testid="validation-status"
        data-state={state}
        aria-expanded={open}
        disabled={!issues.length}
        title={issues.length ? 'Show all problems' : hasData ? 'The network is ready to train' : 'Import a CSV (File › Import CSV…) or start from an example (File › New from Example…) to train'}
        onClick={() => setOpen(!open)}
      >
        <span className="status__dot" />
        {text}
      </button>
      {open && issues.length > 0 && (
        <ul className="issues" data-testid="issue-list">
          {issues.map((issue, i) => (
            <li key={i} className={`issue issue--${issue.severity}`}>
              <button
                type="button"
                onClick={() => {
                  focusIssue(issue);
                  setOpen(false);
                }}
              >
                <span className="issue__kind">{issue.severity === 'error' ? 'Error' : 'Warning'}</span>
                {issue.message}
              </button>
            </li>
          ))}
        </ul>
      )}
      <span className="statusbar__spacer" />
      {/* Only a dropped link is worth a word; the first connect takes milliseconds. */}
      {link === 'reconnecting' && (
        <span className="statusbar__link" data-testid="connection-status">
          Reconnecting to Neurite…
        </span>
      )}
      <SweepStatus />
      {busy && (
        <span className="statusbar__link" data-testid="busy-status">
          {busy}
        </span>
      )}
      <span className="statusbar__facts">
        {plural(net.neurons.length, 'neuron')} · {plural(net.synapses.length, 'synapse')} · {Math.round(zoom * 100)}%
      </span>
    </footer>
  );
}
