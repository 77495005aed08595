import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useOverlayStore } from '../overlay/overlay-store';
import { useEditorStore } from '../state/editor-store';
import { useTrainingStore } from '../state/training-store';
import { isWalkthroughNetwork, STEPS, type Live } from '../../src-shared/walkthrough/negative-output';
import { applyStep, closeWalkthrough, goToStep, markDale, trainWith } from './walkthrough-actions';
import { useWalkthroughStore } from '../state/walkthrough-store';
import './walkthrough.css';

const EMPTY = new Map<string, number>();

/** The step's text from the live network and the overlay's latest answer (Dataset step: mean c and share). */
function useLive(): Live {
  const net = useEditorStore((s) => s.network);
  const { sample, stats, mode } = useOverlayStore(useShallow((s) => ({ sample: s.sample, stats: s.stats, mode: s.mode })));
  const runList = useTrainingStore((s) => s.runs);
  const runs = useMemo(
    () =>
      runList
        .filter((r) => r.result !== null && r.status !== 'damaged')
        .map((r) => ({ dale: r.config.dale, accuracy: (r.result?.val ?? r.result?.train)?.classification?.accuracy ?? null })),
    [runList],
  );
  return useMemo(() => {
    const dataset = mode === 'dataset' && stats;
    return {
      net,
      o: sample?.o ?? EMPTY,
      z: sample?.z ?? EMPTY,
      c: dataset ? stats.mean : (sample?.c ?? EMPTY),
      share: dataset ? stats.excitatoryShare : null,
      rows: dataset ? stats.count : null,
      runs,
    };
  }, [net, sample, stats, mode, runs]);
}

/** Step 8's buttons: mark E/I, train free and with Dale, see the runs. */
function DaleActions() {
  const busy = useTrainingStore((s) => s.live !== null);
  const runs = useTrainingStore((s) => s.runs.length);
  return (
    <div className="walkthrough__actions">
      <button type="button" data-testid="walkthrough-mark-dale" onClick={markDale}>
        Mark hidden E/I
      </button>
      <button type="button" data-testid="walkthrough-train-free" disabled={busy} onClick={() => void trainWith(false)}>
        Train without
      </button>
      <button type="button" data-testid="walkthrough-train-dale" disabled={busy} onClick={() => void trainWith(true)}>
        Train with Dale
      </button>
      <button type="button" data-testid="walkthrough-runs" disabled={!runs} onClick={() => useTrainingStore.setState({ open: true, tab: 'runs' })}>
        Runs
      </button>
    </div>
  );
}

/**
 * The guided example "What does a negative output do?": a strip above the canvas (so it never covers a neuron)
 * with the step, its live sentence, and Back / Next / Close. Alt+← / Alt+→ step, Esc inside it closes.
 */
export function WalkthroughPanel() {
  const { open, step } = useWalkthroughStore(useShallow((s) => ({ open: s.open, step: s.step })));
  const loadCount = useEditorStore((s) => s.loadCount);
  const live = useLive();
  const ref = useRef<HTMLElement>(null);

  // On opening and whenever a document loads: after the new document's own overlay resets have run.
  useEffect(() => {
    if (!open) return;
    const t = setTimeout(() => {
      // Another document opened (File › Open, New): the steps would talk about neurons it does not have.
      if (!isWalkthroughNetwork(useEditorStore.getState().network)) closeWalkthrough();
      else applyStep(useWalkthroughStore.getState().step);
    }, 0);
    return () => clearTimeout(t);
  }, [open, loadCount]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        goToStep(useWalkthroughStore.getState().step + (e.key === 'ArrowRight' ? 1 : -1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open) return null;
  const s = STEPS[step];
  const last = step === STEPS.length - 1;
  return (
    <section
      ref={ref}
      className="walkthrough"
      aria-label="What does a negative output do?"
      data-testid="walkthrough"
      data-step={s.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          closeWalkthrough();
        }
      }}
    >
      <div className="walkthrough__head">
        <span className="walkthrough__count" data-testid="walkthrough-count">
          {step + 1} / {STEPS.length}
        </span>
        <h2 className="walkthrough__title">{s.title}</h2>
        <div className="walkthrough__nav">
          <button type="button" data-testid="walkthrough-back" disabled={step === 0} onClick={() => goToStep(step - 1)} title="Back (Alt+←)">
            Back
          </button>
          {last ? (
            <button type="button" className="primary" data-testid="walkthrough-done" onClick={() => closeWalkthrough(true)}>
              Done
            </button>
          ) : (
            <button type="button" className="primary" data-testid="walkthrough-next" onClick={() => goToStep(step + 1)} title="Next (Alt+→)">
              Next
            </button>
          )}
          <button type="button" data-testid="walkthrough-close" aria-label="Close the walkthrough (it resumes here)" title="Close (Esc): Help › What Does a Negative Output Do? resumes here" onClick={() => closeWalkthrough()}>
            ×
          </button>
        </div>
      </div>
      <p className="walkthrough__text" data-testid="walkthrough-text" aria-live="polite">
        {s.text(live)}
      </p>
      {s.id === 'dale' && <DaleActions />}
    </section>
  );
}
