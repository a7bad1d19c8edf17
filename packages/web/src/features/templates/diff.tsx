import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { useState } from 'react';
import type { TemplateVersion } from '../../api/types';
import { Card, Loading } from '../../components/ui';
import { templateQueries } from './api';

function VersionPicker({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: number[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select
        className="rounded border border-slate-300 px-1"
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
      >
        {versions.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Two versions side by side, by default what a reviewer asks: the newest version against the one live for its
 * language (or the one before it, when none is live).
 */
export function DiffView({
  templateId,
  versions,
  title = 'Compare versions',
}: {
  templateId: string;
  versions: Pick<TemplateVersion, 'version' | 'locale' | 'state'>[];
  title?: string;
}) {
  const numbers = versions.map((version) => version.version).sort((a, b) => a - b);
  const newest = versions.find((version) => version.version === numbers[numbers.length - 1]);
  const live = versions.find(
    (version) => version.state === 'Active' && version.locale === newest?.locale && version !== newest,
  );
  const [from, setFrom] = useState(live?.version ?? numbers[Math.max(0, numbers.length - 2)] ?? 1);
  const [to, setTo] = useState(newest?.version ?? 1);
  const diff = useQuery(templateQueries.diff(templateId, from, to));
  const lines = (changes: { kind: string; text: string }[]) =>
    changes.map((change, index) => (
      <div
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a diff have no identity of their own
        key={index}
        className={clsx(
          'whitespace-pre-wrap px-2 font-mono text-xs',
          change.kind === 'added' && 'bg-emerald-50 text-emerald-900',
          change.kind === 'removed' && 'bg-rose-50 text-rose-900 line-through',
        )}
      >
        {change.kind === 'added' ? '+ ' : change.kind === 'removed' ? '− ' : '  '}
        {change.text}
      </div>
    ));
  return (
    <Card title={title}>
      <div className="mb-2 flex gap-3 text-sm">
        <VersionPicker label="From" versions={numbers} value={from} onChange={setFrom} />
        <VersionPicker label="To" versions={numbers} value={to} onChange={setTo} />
      </div>
      {diff.isPending && <Loading />}
      {diff.data && (
        <section
          aria-label="Differences"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          tabIndex={0}
          className="max-h-96 overflow-y-auto rounded border border-slate-200"
        >
          {diff.data.subject.some((change) => change.kind !== 'unchanged') && (
            <>
              <p className="bg-slate-50 px-2 text-xs font-medium">Subject</p>
              {lines(diff.data.subject)}
            </>
          )}
          <p className="bg-slate-50 px-2 text-xs font-medium">Content</p>
          {lines(diff.data.content)}
        </section>
      )}
    </Card>
  );
}
