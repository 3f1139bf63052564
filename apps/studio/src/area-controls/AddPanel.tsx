import type { FormEvent, ReactNode } from 'react';
import type { useAddPanel } from './use-add-panel';

/**
 * The "add …" button of an area and, once pressed, its small form: a heading, the fields (`children`), "add" and
 * "cancel"; Escape cancels. The focus moves as `useAddPanel` says.
 */
export function AddPanel(props: {
  panel: Pick<ReturnType<typeof useAddPanel>, 'open' | 'opener' | 'show' | 'cancel'>;
  /** Id of the heading, which names the form. */
  titleId: string;
  title: string;
  /** The button that opens the form, and the form's submit button. */
  addLabel: string;
  cancelLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { panel } = props;
  if (!panel.open) {
    return (
      <p>
        <button ref={panel.opener} type="button" className="aw-button aw-button--secondary" aria-expanded={false} onClick={panel.show}>
          {props.addLabel}
        </button>
      </p>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form
      className="st-add-panel"
      aria-labelledby={props.titleId}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') panel.cancel();
      }}
    >
      <h3 id={props.titleId}>{props.title}</h3>
      {props.children}
      <div className="st-button-row">
        <button type="submit" className="aw-button">
          {props.addLabel}
        </button>
        <button type="button" className="aw-button aw-button--secondary" onClick={panel.cancel}>
          {props.cancelLabel}
        </button>
      </div>
    </form>
  );
}
