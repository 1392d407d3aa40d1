// A modal question (the native dialog element: focus is kept inside, Escape cancels).
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
        <button type="button" class="danger" onClick={props.onYes}>
          {props.yes}
        </button>
        <button type="button" class="secondary" onClick={props.onNo}>
          {props.no}
        </button>
      </div>
    </dialog>
  );
}
