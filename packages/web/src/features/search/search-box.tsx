import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { inputClass } from '../../components/ui';
import { MIN_SEARCH_LENGTH, searchQueries } from './api';
import { groupsOf, type SearchHit } from './results';

/** How long typing must pause before the API is asked: one request per word, not per key. */
const DEBOUNCE_MS = 200;
const SUGGESTIONS = 5;

/** The value once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Whether a key press belongs to a field the rep is typing in (where `/` is a character, not a shortcut). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The one search box in the header (`/` focuses it): customers, vehicles and messages as the rep types, grouped,
 * chosen with the arrow keys and Enter (an ARIA 1.2 combobox with a grouped listbox). Enter on nothing chosen
 * opens every result on the search page.
 */
export function SearchBox() {
  const id = useId();
  const listId = `${id}-results`;
  const input = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const settled = useDebounced(text.trim(), DEBOUNCE_MS);
  const searching = settled.length >= MIN_SEARCH_LENGTH;
  const results = useQuery(searchQueries.results(settled, SUGGESTIONS));
  const groups = useMemo(() => groupsOf(results.data, settled), [results.data, settled]);
  const seeAll: SearchHit = {
    key: 'all',
    href: `/search?${new URLSearchParams({ q: text.trim() })}`,
    label: `See all results for “${text.trim()}”`,
    detail: '',
  };
  const hits = [...groups.flatMap((group) => group.hits), ...(searching ? [seeAll] : [])];
  const expanded = open && text.trim().length >= MIN_SEARCH_LENGTH;

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target))
        return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  // New results, new list: nothing is chosen until the rep moves to it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on each new answer, by design
  useEffect(() => setActive(-1), [results.data]);

  const go = (hit: SearchHit) => {
    setOpen(false);
    setText('');
    navigate(hit.href);
    // The rep continues in what they opened, not in an emptied search field.
    document.getElementById('main')?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (hits.length === 0) return;
      setActive((current) =>
        event.key === 'ArrowDown'
          ? (current + 1) % hits.length
          : current <= 0
            ? hits.length - 1
            : current - 1,
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = hits[active] ?? (text.trim().length >= MIN_SEARCH_LENGTH ? seeAll : undefined);
      if (hit) go(hit);
    } else if (event.key === 'Escape') {
      if (expanded) setOpen(false);
      else setText('');
    }
  };

  let index = -1;
  const optionId = (position: number) => `${id}-option-${position}`;
  const option = (hit: SearchHit) => {
    index += 1;
    const position = index;
    return (
      // The keys are the field's (aria-activedescendant points here, ARIA 1.2 combobox); a click also chooses.
      // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard choice is handled by the combobox input
      <div
        key={hit.key}
        id={optionId(position)}
        tabIndex={-1}
        role="option"
        aria-selected={position === active}
        // Keep focus in the field: a click chooses, it does not blur.
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => go(hit)}
        onMouseMove={() => setActive(position)}
        className={clsx(
          'cursor-pointer px-3 py-2 text-sm',
          position === active ? 'bg-sky-100 text-sky-900' : 'text-slate-800',
        )}
      >
        <span className="block truncate font-medium">{hit.label}</span>
        {hit.detail && <span className="block truncate text-xs text-slate-600">{hit.detail}</span>}
      </div>
    );
  };

  return (
    <div className="relative w-full max-w-xl">
      <label htmlFor={id} className="sr-only">
        Search customers, vehicles and messages
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-keyshortcuts="/"
        placeholder="Search name, email, phone, VIN or words…"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={clsx(inputClass, 'pr-8')}
      />
      {!text && (
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-1.5 right-2 hidden rounded border border-slate-300 px-1.5 font-mono text-xs text-slate-500 sm:block"
        >
          /
        </span>
      )}
      <div
        className={clsx(
          'absolute right-0 left-0 z-30 mt-1 max-h-[70vh] overflow-y-auto rounded-md border border-slate-200 bg-white shadow-lg',
          !expanded && 'hidden',
        )}
      >
        <div id={listId} role="listbox" aria-label="Search results">
          {groups.map((group) => (
            // A group of options inside a listbox (ARIA 1.2): a fieldset would not be one.
            // biome-ignore lint/a11y/useSemanticElements: role="group" is what a grouped listbox needs
            <div key={group.name} role="group" aria-labelledby={`${id}-${group.name}`}>
              <div
                id={`${id}-${group.name}`}
                className="bg-slate-50 px-3 py-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
              >
                {group.name}
              </div>
              {group.hits.map(option)}
            </div>
          ))}
          {searching && option(seeAll)}
        </div>
        <p role="status" className="px-3 py-2 text-sm text-slate-600 empty:hidden">
          {!searching || results.isFetching
            ? text.trim().length >= MIN_SEARCH_LENGTH
              ? 'Searching…'
              : ''
            : results.isError
              ? 'Search failed — try again.'
              : groups.length === 0
                ? 'Nothing matches.'
                : ''}
        </p>
      </div>
    </div>
  );
}
