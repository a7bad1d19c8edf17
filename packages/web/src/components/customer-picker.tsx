import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { customerQueries } from '../features/customers/api';
import { inputClass } from './ui';

/** Find a customer by name, id, email or phone and pick one. */
export function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: string | undefined;
  onChange: (customerId: string | undefined) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const [text, setText] = useState('');
  // Focus follows the rep's choice, never dropping to the page: to "Change customer" once one is chosen, back
  // to the search field once it is cleared. Set only by the rep's own action, not on first render.
  const focusNext = useRef(false);
  const changeButton = useRef<HTMLButtonElement>(null);
  const searchField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    (value ? changeButton.current : searchField.current)?.focus();
  }, [value]);
  const choose = (customerId: string | undefined) => {
    focusNext.current = true;
    onChange(customerId);
  };
  const results = useQuery({
    ...customerQueries.search(text, 8),
    enabled: !value,
  });
  const chosen = useQuery({
    ...customerQueries.detail(value ?? ''),
    enabled: Boolean(value),
  });
  if (value) {
    const customer = chosen.data;
    return (
      <div className="flex items-center justify-between rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm">
        <span>
          <span className="font-medium">
            {customer ? `${customer.firstName} ${customer.lastName}` : value}
          </span>{' '}
          <span className="text-slate-500">
            {value}
            {customer?.email && ` · ${customer.email}`}
          </span>
        </span>
        <button
          ref={changeButton}
          type="button"
          className="text-sky-700 underline"
          onClick={() => choose(undefined)}
        >
          Change customer
        </button>
      </div>
    );
  }
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Customer
      </label>
      <input
        ref={searchField}
        id={id}
        type="search"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Name, id, email or phone"
        className={inputClass}
        aria-invalid={error ? true : undefined}
      />
      {error && <p className="text-xs text-rose-700">{error}</p>}
      <ul
        aria-label="Matching customers"
        className="max-h-56 overflow-y-auto rounded-md border border-slate-200 bg-white"
      >
        {results.data?.items.map((customer) => (
          <li key={customer.customerId}>
            <button
              type="button"
              className="flex w-full justify-between px-3 py-1.5 text-left text-sm hover:bg-sky-50 focus:bg-sky-50"
              onClick={() => choose(customer.customerId)}
            >
              <span>
                {customer.firstName} {customer.lastName}
              </span>
              <span className="text-slate-500">{customer.customerId}</span>
            </button>
          </li>
        ))}
        {results.data?.items.length === 0 && (
          <li className="px-3 py-1.5 text-sm text-slate-500">No customer matches.</li>
        )}
      </ul>
    </div>
  );
}
