import { useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';
import { formatField } from '../../src-shared/format-number';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  /** Called with the draft on Enter or blur; return false to reject it (the field reverts). */
  onCommit(text: string): boolean | void;
  /** How the value reads while the field is not focused (e.g. 4 significant digits); focus shows `value` whole. */
  display?: (value: string) => string;
}

/**
 * A text field that edits a draft and commits it once, on Enter or blur, so each edit is one
 * undo step rather than one per keystroke. Escape reverts.
 */
export function CommitField({ value, onCommit, display, onFocus, onBlur, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const [base, setBase] = useState(value);
  const [focused, setFocused] = useState(false);
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
  const shown = !focused && display && draft === value ? display(value) : draft;
  return (
    <input
      {...rest}
      value={shown}
      title={shown !== value ? value : rest.title}
      onChange={(e) => setDraft(e.target.value)}
      onFocus={(e) => {
        setFocused(true);
        onFocus?.(e);
      }}
      onBlur={(e) => {
        setFocused(false);
        commit();
        onBlur?.(e);
      }}
      onKeyDown={onKeyDown}
    />
  );
}

/** A number as a field shows it at rest: 4 significant digits ("0.1235", "1235", "1.5e-7"); text that is no number stays as it is. */
export function fourDigits(text: string): string {
  const v = Number(text);
  if (!Number.isFinite(v) || text.trim() === '') return text;
  return formatField(v);
}

/** Parses a number typed by a user ("0,5" and "-.3" included), or null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!t) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}
