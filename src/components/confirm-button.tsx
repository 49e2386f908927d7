import { useEffect, useState } from 'react';

interface Props {
  testId: string;
  label: string;
  confirmLabel: string;
  onConfirm(): void;
}

/** A destructive action that needs a second click within a few seconds (no blocking dialog). */
export function ConfirmButton({ testId, label, confirmLabel, onConfirm }: Props) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 4000);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <button
      type="button"
      className={armed ? 'danger armed' : 'danger'}
      data-testid={armed ? `${testId}-confirm` : testId}
      onClick={() => {
        if (!armed) return setArmed(true);
        setArmed(false);
        onConfirm();
      }}
    >
      {armed ? `${confirmLabel}?` : label}
    </button>
  );
}
