import { type ReactNode, useId, useState } from 'react';

interface ConfirmButtonProps {
  /** The button that asks first, e.g. "Delete webhook". */
  label: string;
  /** The question, e.g. "Delete this webhook? Deliveries stop within seconds." */
  question: ReactNode;
  /** The button that does it, e.g. "Yes, delete". */
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  danger?: boolean;
}

/** A destructive action that asks in place first (an alertdialog a screen reader announces). */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  danger,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const questionId = useId();
  const className = danger ? 'button danger' : 'button';
  if (!asking)
    return (
      <button type="button" className={className} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <div role="alertdialog" aria-labelledby={questionId} className="confirm">
      <p id={questionId}>{question}</p>
      <button type="button" className={className} disabled={busy} onClick={() => void confirm()}>
        {confirmLabel}
      </button>
      <button type="button" className="button quiet" onClick={() => setAsking(false)} autoFocus>
        Cancel
      </button>
    </div>
  );
}
