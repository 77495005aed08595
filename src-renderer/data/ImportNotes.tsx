/** What was guessed about the file, and whether the settings of the last import of its name are in use (with the way back to the guesses). */
export function ImportNotes({ notes, remembered, onForget }: { notes: string[]; remembered: boolean; onForget(): void }) {
  if (notes.length === 0 && !remembered) return null;
  return (
    <div className="ds-notes" data-testid="import-notes">
      {remembered && (
        <p data-testid="import-remembered">
          Using the settings of the last import of this file name.{' '}
          <button type="button" className="link" data-testid="import-forget" onClick={onForget}>
            Use the guesses instead
          </button>
        </p>
      )}
      {notes.map((n) => (
        <p key={n}>{n}</p>
      ))}
    </div>
  );
}
