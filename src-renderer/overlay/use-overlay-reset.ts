import { useEffect } from 'react';
import { api } from '../api';
import { useEditorStore } from '../state/editor-store';
import { useOverlayStore } from './overlay-store';

/**
 * When another document loads (New, Open, Close, an example), the overlay's sample must not point at
 * a dataset of the project before: that shows a stale "row 9 / 280" and a red "There is no dataset
 * …". A sample from a dataset this project does not have goes back to typed-in values, with its
 * lesions (ids of the old document) and its error.
 */
export function useOverlayReset(): void {
  const loadCount = useEditorStore((s) => s.loadCount);
  useEffect(() => {
    if (!loadCount) return;
    let live = true;
    const reset = () => {
      useOverlayStore.setState((s) => ({
        source: { ...s.source, datasetId: null, position: 0, total: 0, label: null },
        lesions: { synapses: [], neurons: [] },
        classIndex: null,
        classes: null,
        stats: null,
        error: null,
      }));
    };
    const id = useOverlayStore.getState().source.datasetId;
    if (!id) {
      useOverlayStore.setState({ error: null, lesions: { synapses: [], neurons: [] } });
      return;
    }
    api.request('dataset.list', {}).then(
      (list) => live && !list.some((d) => d.id === id) && reset(),
      () => live && reset(),
    );
    return () => {
      live = false;
    };
  }, [loadCount]);
}
