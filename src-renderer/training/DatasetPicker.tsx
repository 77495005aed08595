import { chooseDataset } from './training-actions';
import { useTrainingStore } from '../state/training-store';

/** The dataset to train on (in Setup; the bar keeps to what changes while a run goes). */
export function DatasetPicker() {
  const datasets = useTrainingStore((s) => s.datasets);
  const datasetId = useTrainingStore((s) => s.datasetId);
  const live = useTrainingStore((s) => s.live !== null);
  return (
    <select data-testid="training-dataset" aria-label="Dataset to train on" value={datasetId ?? ''} disabled={live} onChange={(e) => void chooseDataset(e.target.value || null)}>
      {!datasetId && <option value="">No dataset</option>}
      {datasets.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  );
}
