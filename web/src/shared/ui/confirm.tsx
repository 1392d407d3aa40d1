// A modal question (the native dialog element: focus is kept inside, Escape cancels). The safe
// answer comes first and has the focus (showModal gives it to the first button); the one that
// deletes is marked as such.
import { useEffect, useRef } from 'preact/hooks';

export function Confirm(props: {
  message: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-message" onCancel={props.onNo}>
      <p id="confirm-message">{props.message}</p>
      <div class="actions">
        <button type="button" onClick={props.onNo}>
          {props.no}
        </button>
        <button type="button" class="danger" onClick={props.onYes}>
          {props.yes}
        </button>
      </div>
    </dialog>
  );
}
