import { useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  /** Called with the draft on Enter or blur; return false to reject it (the field reverts). */
  onCommit(text: string): boolean | void;
}

/**
 * A text field that edits a draft and commits it once, on Enter or blur, so each edit is one
 * undo step rather than one per keystroke. Escape reverts.
 */
export function CommitField({ value, onCommit, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const [base, setBase] = useState(value);
  // Follow outside changes (undo, another selection) unless the user is mid-edit of the same value.
  if (base !== value) {
    setBase(value);
    setDraft(value);
  }
  const commit = () => {
    if (draft === value) return;
    if (onCommit(draft) === false) setDraft(value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      commit();
      (e.target as HTMLInputElement).blur();
    } else if (e.key === 'Escape') {
      setDraft(value);
      (e.target as HTMLInputElement).blur();
    }
  };
  return <input {...rest} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={onKeyDown} />;
}

/** Parses a number typed by a user ("0,5" and "-.3" included), or null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!t) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}
