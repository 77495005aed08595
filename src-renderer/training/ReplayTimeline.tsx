import { keepReplayWeights, leaveReplay, scrubTo, snapshotLabel, togglePlay } from './replay-actions';
import { useTrainingStore } from '../state/training-store';

/** The timeline under the curves: scrub a finished run's snapshots onto the canvas, or play them at the Training speed. */
export function ReplayTimeline() {
  const replay = useTrainingStore((s) => s.replay);
  const live = useTrainingStore((s) => s.live !== null);
  if (live) return <p className="replay replay--idle muted">Every run keeps its weights by epoch: replay them here when it ends.</p>;
  if (!replay || !replay.snapshots.length) return null;
  if (replay.problem)
    return (
      <p className="replay replay--idle muted" data-testid="replay-problem">
        {replay.problem}
      </p>
    );
  const last = replay.snapshots.length - 1;
  const index = replay.index ?? last;
  const shown = replay.snapshots[index];
  return (
    <div
      className="replay"
      data-testid="replay"
      data-index={replay.index ?? ''}
      data-epoch={replay.index === null ? '' : shown.epoch}
      data-step={replay.index === null ? '' : shown.step}
      role="group"
      aria-label="Replay"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && replay.index !== null) {
          e.stopPropagation();
          leaveReplay();
        }
      }}
    >
      <button type="button" className="replay__play" data-testid="replay-play" aria-label={replay.playing ? 'Pause replay' : 'Play replay'} title={replay.playing ? 'Pause the replay' : 'Play the run at the Training speed'} onClick={togglePlay}>
        {replay.playing ? '❚❚' : '▶'}
      </button>
      <input
        type="range"
        className="replay__slider"
        data-testid="replay-slider"
        aria-label="Replay position"
        aria-valuetext={snapshotLabel(shown)}
        min={0}
        max={last}
        step={1}
        value={index}
        onChange={(e) => void scrubTo(Number(e.target.value))}
      />
      <span className="replay__label" data-testid="replay-label">
        {replay.index === null ? `Replay ${replay.snapshots.length} snapshots, to ${snapshotLabel(replay.snapshots[last])}` : `Showing ${snapshotLabel(shown)}`}
      </span>
      {replay.index !== null && (
        <>
          <button type="button" data-testid="replay-leave" title="Leave the replay: the network's own weights come back (Esc)" onClick={leaveReplay}>
            Exit replay
          </button>
          <button type="button" data-testid="replay-keep" title="Keep the weights shown as the network's (one undo step)" onClick={keepReplayWeights}>
            Keep weights
          </button>
        </>
      )}
    </div>
  );
}
