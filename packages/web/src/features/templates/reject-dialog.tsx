import { useEffect, useId, useRef, useState } from 'react';
import { Button, inputClass } from '../../components/ui';

/**
 * Asks why a version is rejected, in a modal dialog of the page (not the browser's prompt): the reason is
 * required, the author reads it beside the version.
 */
export function RejectDialog({
  version,
  onReject,
  onClose,
}: {
  version: number;
  onReject: (comment: string) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const ids = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const missing = comment.trim() === '';
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${ids}-title`}
      className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      onClose={onClose}
    >
      <form
        method="dialog"
        className="space-y-3 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (missing) return;
          onReject(comment.trim());
          dialog.current?.close();
        }}
      >
        <h2 id={`${ids}-title`} className="text-base font-semibold">
          Reject version {version}
        </h2>
        <label htmlFor={`${ids}-reason`} className="block text-sm font-medium text-slate-700">
          Why? The author sees this beside the version.
        </label>
        <textarea
          id={`${ids}-reason`}
          className={`${inputClass} min-h-24`}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={touched && missing ? true : undefined}
          aria-describedby={touched && missing ? `${ids}-error` : undefined}
          maxLength={2_000}
        />
        {touched && missing && (
          <p id={`${ids}-error`} className="text-xs text-rose-700">
            Give the author a reason.
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => dialog.current?.close()}>
            Keep it in review
          </Button>
          <Button type="submit" variant="danger">
            Reject version {version}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
