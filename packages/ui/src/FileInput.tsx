import { useId, useRef, useState, type ReactNode } from 'react';
import type { FileField, FileReference } from '@amtsweg/definitions';
import { describeMediaTypes, formatSubmissionMessage } from '@amtsweg/forms/messages';
import { localize, type UiLanguage } from './localize';
import { formatFileSize } from './input-values';
import { uiText } from './ui-texts';

/** Uploads one file for a file field; reports progress from 0 to 1; rejects with a message for people. */
export type FileUploader = (file: File, field: { path: string; element: FileField }, onProgress: (fraction: number) => void) => Promise<FileReference>;

interface FileInputProps {
  id: string;
  element: FileField;
  path: string;
  value: unknown;
  language: string;
  uiLanguage: UiLanguage;
  error: ReactNode;
  describedBy: string | undefined;
  onChange: (value: unknown) => void;
  upload: FileUploader | undefined;
  /** Told when the person removes a file (to delete it where it waits); the list changes either way. */
  onRemove?: (file: FileReference) => void;
  /** Whether to say the allowed types and sizes (not when the field's own hint already does). */
  describeRules?: boolean;
}

interface Upload {
  name: string;
  percent: number;
}

/**
 * A file field: choose files, each is checked here for type and size (the server checks again, also the
 * content), uploaded with visible progress and listed with a remove button. Problems are said at the field.
 */
export function FileInput(props: FileInputProps): ReactNode {
  const { element, uiLanguage } = props;
  const files = Array.isArray(props.value) ? (props.value as FileReference[]) : [];
  // An upload ends later: it adds to the list as it is then (a file removed meanwhile stays removed).
  const latest = useRef({ files, onChange: props.onChange });
  latest.current = { files, onChange: props.onChange };
  const [uploading, setUploading] = useState<Upload | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const statusId = useId();
  const label = localize(element.label, props.language);
  const allowed = describeMediaTypes(element.accept);
  const limit = formatFileSize(element.maxSizeBytes, props.language);
  const ownHintId = `${props.id}-files`;

  const choose = async (chosen: File[]) => {
    if (uploading) return;
    setProblem(null);
    for (const file of chosen) {
      const params = { label, file: file.name, allowed, limit: String(element.maxFiles) };
      if (latest.current.files.length >= element.maxFiles) {
        setProblem(formatSubmissionMessage('maxFiles', uiLanguage, params));
        break;
      }
      if (!element.accept.includes(file.type)) {
        setProblem(formatSubmissionMessage('fileType', uiLanguage, params));
        continue;
      }
      if (file.size > element.maxSizeBytes) {
        setProblem(formatSubmissionMessage('fileSize', uiLanguage, { ...params, limit }));
        continue;
      }
      if (!props.upload) continue;
      setUploading({ name: file.name, percent: 0 });
      setAnnouncement(uiText('uploadStarted', uiLanguage)(file.name));
      try {
        const stored = await props.upload(file, { path: props.path, element }, (fraction) => setUploading({ name: file.name, percent: Math.round(fraction * 100) }));
        latest.current.onChange([...latest.current.files, stored]);
        setAnnouncement(uiText('uploaded', uiLanguage)(stored.name));
      } catch (error) {
        setProblem(error instanceof Error && error.message ? error.message : uiText('uploadFailed', uiLanguage));
        setAnnouncement('');
      } finally {
        setUploading(null);
      }
    }
    if (inputRef.current) inputRef.current.value = '';
    // The input stays where it was and keeps the focus, so the keyboard user goes on from here.
    inputRef.current?.focus();
  };

  const remove = (file: FileReference) => {
    props.onRemove?.(file);
    const next = files.filter((f) => f.id !== file.id);
    props.onChange(next.length > 0 ? next : undefined);
    setAnnouncement('');
    inputRef.current?.focus();
  };

  const describeRules = props.describeRules ?? true;
  const describedBy = [describeRules ? ownHintId : '', props.describedBy, problem ? `${props.id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <>
      {describeRules ? (
        <div id={ownHintId} className="aw-hint">
          {uiText('fileHint', uiLanguage)(allowed, limit, element.maxFiles)}
        </div>
      ) : null}
      {props.error}
      {problem ? (
        <p id={`${props.id}-problem`} className="aw-error-message" role="alert">
          <span className="aw-visually-hidden">{uiText('errorPrefix', uiLanguage)} </span>
          {problem}
        </p>
      ) : null}
      {files.length > 0 ? (
        <ul className="aw-file-list">
          {files.map((file) => (
            <li key={file.id}>
              <span>
                {file.name} <span className="aw-file-size">({formatFileSize(file.size, props.language)})</span>
              </span>
              {props.upload ? (
                <button type="button" className="aw-link-button" onClick={() => remove(file)}>
                  {uiText('removeFile', uiLanguage)(file.name)}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {props.upload ? (
        // Always there (also when full: choosing then says why), never disabled: a disabled input loses the focus.
        <input
          ref={inputRef}
          id={props.id}
          className="aw-file-input"
          type="file"
          accept={element.accept.join(',')}
          multiple={element.maxFiles - files.length > 1}
          aria-disabled={uploading !== null || undefined}
          aria-describedby={describedBy}
          aria-invalid={props.error || problem ? true : undefined}
          onChange={(event) => void choose(Array.from(event.target.files ?? []))}
        />
      ) : null}
      {/* The progress is shown; only the start and the end of an upload are announced. */}
      <div className="aw-upload-status">
        {uploading ? (
          <span aria-hidden="true">
            <progress max={100} value={uploading.percent} /> {uiText('uploading', uiLanguage)(uploading.name, uploading.percent)}
          </span>
        ) : null}
        <span id={statusId} role="status" className={uploading ? 'aw-visually-hidden' : undefined}>
          {announcement}
        </span>
      </div>
    </>
  );
}
