import type { KeyboardEvent } from 'react';
import type { CommunicationSummary } from '../api/types';
import { formatDateTime, StatusBadge } from './ui';
import { useAuthorLabel } from './use-author-label';

/** A name a rep reads, with its id after it as secondary text (the id alone where no name was stored). */
function NameWithId({ name, id }: { name: string | undefined; id: string }) {
  if (!name) return <span className="block">{id}</span>;
  return (
    <span className="block">
      {name} <span className="text-xs text-slate-500">{id}</span>
    </span>
  );
}

/** Marks a message that answers another: the customer's reply, or ours to them. */
function ReplyTag({ inbound }: { inbound: boolean }) {
  return (
    <span className="mr-1 rounded bg-teal-50 px-1 text-xs font-medium text-teal-800">
      {inbound ? 'Their reply' : 'Our answer'}
    </span>
  );
}

/** Communications newest first; a row opens its details (click or Enter). */
export function CommunicationTable({
  items,
  onOpen,
  showCustomer = true,
}: {
  items: CommunicationSummary[];
  onOpen: (id: string) => void;
  showCustomer?: boolean;
}) {
  const byLabel = useAuthorLabel();
  const open = (id: string) => (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(id);
    }
  };
  return (
    <>
      {/* A phone or a tablet gets a card per communication: six columns need a laptop's width. */}
      <ul aria-label="Communications" className="divide-y divide-slate-100 lg:hidden">
        {items.map((item) => (
          <li key={item.communicationId}>
            <button
              type="button"
              onClick={() => onOpen(item.communicationId)}
              className="block w-full px-1 py-3 text-left text-sm hover:bg-sky-50"
            >
              <span className="flex items-center justify-between gap-2">
                <span className="font-medium">
                  {item.type}
                  {item.direction === 'inbound' && ' in'}
                  {showCustomer && ` · ${item.customerName ?? item.customerId}`}
                </span>
                <StatusBadge status={item.status} received={item.inbound !== undefined} />
              </span>
              {item.vehicleId && (
                <span className="block text-slate-600">{item.vehicleLabel ?? item.vehicleId}</span>
              )}
              <span className="block truncate">
                {item.repliesTo && <ReplyTag inbound={item.direction === 'inbound'} />}
                {item.subject && <span className="font-medium">{item.subject} </span>}
                <span className="text-slate-500">{item.preview}</span>
              </span>
              <span className="block text-xs text-slate-500">
                {formatDateTime(item.createdAt)} · {byLabel(item).who}
                {byLabel(item).why && ` (${byLabel(item).why})`}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="hidden overflow-x-auto lg:block">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2">
                When
              </th>
              <th scope="col" className="px-3 py-2">
                Type
              </th>
              <th scope="col" className="px-3 py-2">
                {showCustomer ? 'Customer and vehicle' : 'Vehicle'}
              </th>
              <th scope="col" className="px-3 py-2">
                Subject or preview
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2">
                By
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr
                key={item.communicationId}
                tabIndex={0}
                aria-label={`${item.type} ${item.subject ?? item.preview.slice(0, 40)}`}
                onClick={() => onOpen(item.communicationId)}
                onKeyDown={open(item.communicationId)}
                className="cursor-pointer border-b border-slate-100 hover:bg-sky-50 focus:bg-sky-50"
              >
                <td className="px-3 py-2 text-slate-600">{formatDateTime(item.createdAt)}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  {item.type}
                  {item.direction === 'inbound' && <span className="text-xs text-slate-500"> in</span>}
                </td>
                <td className="px-3 py-2">
                  {showCustomer && <NameWithId name={item.customerName} id={item.customerId} />}
                  {item.vehicleId ? (
                    <span className="block text-slate-600">{item.vehicleLabel ?? item.vehicleId}</span>
                  ) : (
                    !showCustomer && '—'
                  )}
                </td>
                <td className="max-w-[12rem] truncate px-3 py-2 xl:max-w-xs 2xl:max-w-md">
                  {item.repliesTo && <ReplyTag inbound={item.direction === 'inbound'} />}
                  {item.subject && <span className="font-medium">{item.subject} </span>}
                  <span className="text-slate-500">{item.preview}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <StatusBadge status={item.status} received={item.inbound !== undefined} />
                </td>
                <td className="px-3 py-2 text-slate-600">
                  <span className="whitespace-nowrap">{byLabel(item).who}</span>
                  {byLabel(item).why && (
                    <span className="block text-xs text-slate-500">{byLabel(item).why}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
