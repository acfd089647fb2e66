'use client';

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { Link } from '@/lib/ui/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { shortConditionLabel } from '@/lib/clinical/conditions/catalog';
import {
  CASELOAD_SORT_LABELS,
  CASELOAD_SORTS,
  FOLLOW_UP_FILTER_LABELS,
  FOLLOW_UP_FILTERS,
  PAGE_SIZES,
  caseloadQueryToSearchParams,
  type CaseloadQuery,
  type CaseloadSort,
} from '@/lib/patients/caseload-query';
import type { CaseloadPage, CaseloadRow } from '@/lib/patients/queries';
import { formatDate, formatRelative, specialtyShort } from '@/lib/ui/format';

interface Option {
  value: string;
  label: string;
}

const column = createColumnHelper<CaseloadRow>();

export function CaseloadTable({
  caseload,
  query,
  now,
  conditionOptions,
  specialtyOptions,
}: {
  caseload: CaseloadPage;
  query: CaseloadQuery;
  now: string;
  conditionOptions: Option[];
  specialtyOptions: Option[];
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [search, setSearch] = useState(query.q);
  const lastPushedSearch = useRef(query.q);

  // The URL is the single source of table state: every change navigates, so links can be shared and
  // the back button steps through earlier searches and pages.
  const navigate = (patch: Partial<CaseloadQuery>, mode: 'push' | 'replace' = 'push') => {
    const next = { ...query, ...patch };
    const qs = caseloadQueryToSearchParams(next).toString();
    startTransition(() => (mode === 'push' ? router.push : router.replace)(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
  };

  // Typing searches after a short pause; the first keystroke of a new search adds a history entry.
  useEffect(() => {
    if (search.trim() === query.q) return;
    const timer = setTimeout(() => {
      const mode = lastPushedSearch.current === query.q ? 'push' : 'replace';
      lastPushedSearch.current = search.trim();
      navigate({ q: search.trim(), page: 1 }, mode);
    }, 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- navigate is recreated each render; search is the trigger
  }, [search]);

  // When the URL changes from outside (back button), show its search text.
  useEffect(() => {
    setSearch(query.q);
    lastPushedSearch.current = query.q;
  }, [query.q]);

  const columns = useMemo(
    () => [
      column.accessor((r) => `${r.familyName}, ${r.givenName}`, {
        id: 'name',
        header: 'Patient',
        cell: (info) => (
          <div>
            <Link href={`/patients/${info.row.original.id}`} className="font-medium text-brand-700 hover:underline">
              {info.getValue()}
            </Link>
            <div className="text-xs text-slate-500">{info.row.original.mrn}</div>
          </div>
        ),
      }),
      column.accessor('age', {
        id: 'age',
        header: 'Age',
        cell: (info) => (
          <span>
            {info.getValue()} <span className="text-slate-500">{info.row.original.sex === 'female' ? 'F' : info.row.original.sex === 'male' ? 'M' : ''}</span>
          </span>
        ),
      }),
      column.accessor('conditions', {
        id: 'conditions',
        header: 'Conditions',
        enableSorting: false,
        cell: (info) => (
          <ul className="flex flex-wrap gap-1">
            {info.getValue().map((c) => (
              <li key={c.code} title={`${c.code} ${c.display}`} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">
                {shortConditionLabel(c.code, c.display)} <span className="text-slate-700">({c.code})</span>
              </li>
            ))}
          </ul>
        ),
      }),
      column.accessor('careTeam', {
        id: 'careTeam',
        header: 'Care team',
        enableSorting: false,
        cell: (info) => (
          <ul className="space-y-0.5 text-xs">
            {info.getValue().map((m) => (
              <li key={m.name}>
                {m.name} <span className="text-slate-500">· {specialtyShort(m.specialty)}</span>
              </li>
            ))}
          </ul>
        ),
      }),
      column.accessor('awaitingReview', {
        id: 'awaitingReview',
        header: 'To review',
        // The first click shows the records with the most to review first.
        sortDescFirst: true,
        cell: (info) =>
          info.getValue() > 0 ? (
            <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" title="Results entered by colleagues that you have not reviewed">
              {info.getValue()} result{info.getValue() === 1 ? '' : 's'}
            </span>
          ) : (
            <span className="text-xs text-slate-500">—</span>
          ),
      }),
      column.accessor('followUp', {
        id: 'followUp',
        header: 'Follow-up',
        enableSorting: false,
        cell: (info) => {
          const f = info.getValue();
          const overrun = info.row.original.eliminationOverrunSince;
          const overrunBadge = overrun ? (
            <span className="mt-0.5 inline-block rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900">Elimination past its end ({formatDate(overrun)})</span>
          ) : null;
          if (!f) return overrunBadge ?? <span className="text-xs text-slate-500">—</span>;
          const what = f.kind === 'h_pylori_test_of_cure' ? 'Test of cure' : 'Breath retest';
          const style = f.state === 'overdue' ? 'bg-red-100 text-red-900' : f.state === 'due' ? 'bg-amber-100 text-amber-900' : 'bg-slate-100 text-slate-800';
          const when = f.state === 'scheduled' ? `from ${formatDate(f.dueFrom)}` : f.state === 'due' ? `due since ${formatDate(f.dueFrom)}` : `overdue (due ${formatDate(f.dueFrom)})`;
          return (
            <>
              <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${style}`}>
                {what} {when}
              </span>
              {overrunBadge}
            </>
          );
        },
      }),
      column.accessor('unansweredMessages', {
        id: 'messages',
        header: 'Messages',
        enableSorting: false,
        cell: (info) =>
          info.getValue() > 0 ? (
            <Link href={`/patients/${info.row.original.id}/messages`} className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 hover:underline" title="Patient messages the team has not answered">
              {info.getValue()} unanswered
            </Link>
          ) : (
            <span className="text-xs text-slate-500">—</span>
          ),
      }),
      column.accessor('lastActivityAt', {
        id: 'lastActivity',
        header: 'Last activity',
        cell: (info) => <time dateTime={info.getValue()}>{formatRelative(info.getValue(), now)}</time>,
      }),
    ],
    [now],
  );

  const sorting: SortingState = [{ id: query.sort, desc: query.dir === 'desc' }];
  // TanStack Table returns fresh functions each render, so the React Compiler skips this component;
  // that is expected and harmless here (the table is small and server-paginated).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: caseload.rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    pageCount: caseload.pageCount,
    state: { sorting, pagination: { pageIndex: caseload.page - 1, pageSize: query.size } },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      const id = (first?.id ?? 'lastActivity') as CaseloadSort;
      if (!(CASELOAD_SORTS as readonly string[]).includes(id)) return;
      navigate({ sort: id, dir: first?.desc ? 'desc' : 'asc', page: 1 });
    },
    enableSortingRemoval: false,
  });

  const from = caseload.total === 0 ? 0 : (caseload.page - 1) * query.size + 1;
  const to = Math.min(caseload.page * query.size, caseload.total);
  const filtered = Boolean(query.q || query.condition || query.specialty || query.review || query.followUp || query.messages);

  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 p-4">
        <div className="min-w-56 flex-1">
          <label htmlFor="caseload-search" className="mb-1 block text-xs font-medium text-slate-600">
            Search name or MRN
          </label>
          <input
            id="caseload-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="e.g. Chen or AX-1000"
            maxLength={100}
            className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
        </div>
        <FilterSelect id="condition" label="Condition" value={query.condition ?? ''} options={conditionOptions} allLabel="All conditions" onChange={(v) => navigate({ condition: v || undefined, page: 1 })} />
        <FilterSelect
          id="specialty"
          label="Specialty on team"
          value={query.specialty ?? ''}
          options={specialtyOptions}
          allLabel="Any specialty"
          onChange={(v) => navigate({ specialty: (v || undefined) as CaseloadQuery['specialty'], page: 1 })}
        />
        <FilterSelect
          id="review"
          label="Review"
          value={query.review ?? ''}
          options={[{ value: 'awaiting', label: 'Results awaiting my review' }]}
          allLabel="All patients"
          onChange={(v) => navigate({ review: (v || undefined) as CaseloadQuery['review'], page: 1 })}
        />
        <FilterSelect
          id="followUp"
          label="Follow-up"
          value={query.followUp ?? ''}
          options={FOLLOW_UP_FILTERS.map((f) => ({ value: f, label: FOLLOW_UP_FILTER_LABELS[f] }))}
          allLabel="Any"
          onChange={(v) => navigate({ followUp: (v || undefined) as CaseloadQuery['followUp'], page: 1 })}
        />
        <FilterSelect
          id="messages"
          label="Messages"
          value={query.messages ?? ''}
          options={[{ value: 'unanswered', label: 'Unanswered patient messages' }]}
          allLabel="Any"
          onChange={(v) => navigate({ messages: (v || undefined) as CaseloadQuery['messages'], page: 1 })}
        />
        {filtered && (
          <button type="button" onClick={() => { setSearch(''); navigate({ q: '', condition: undefined, specialty: undefined, review: undefined, followUp: undefined, messages: undefined, page: 1 }); }} className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50">
            Clear filters
          </button>
        )}
      </div>

      <div className="overflow-x-auto" aria-busy={pending}>
        <table className={`w-full text-left text-sm transition-opacity ${pending ? 'opacity-60' : ''}`}>
          <caption className="sr-only">My patients, sorted by {CASELOAD_SORT_LABELS[query.sort]}, {query.dir === 'asc' ? 'ascending' : 'descending'}</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <th key={header.id} scope="col" className="px-4 py-2 font-semibold" aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}>
                      {header.column.getCanSort() ? (
                        <button type="button" onClick={header.column.getToggleSortingHandler()} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden className="text-slate-400">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="align-top hover:bg-slate-50" data-testid="caseload-row">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="px-4 py-3">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {caseload.rows.length === 0 && (
          <p className="px-4 py-10 text-center text-sm text-slate-500">
            {filtered ? 'No patients on your care teams match these filters.' : 'You are not on any care team yet. An administrator can add you to one.'}
          </p>
        )}
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-4 py-3 text-sm">
        <p className="text-slate-600" aria-live="polite">
          {caseload.total === 0 ? 'No patients' : `Showing ${from}–${to} of ${caseload.total} patients`}
        </p>
        <div className="flex items-center gap-2">
          <label htmlFor="page-size" className="text-slate-600">
            Rows
          </label>
          <select id="page-size" value={query.size} onChange={(e) => navigate({ size: Number(e.target.value) as CaseloadQuery['size'], page: 1 })} className="rounded-md border border-slate-300 px-2 py-1">
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          <button type="button" disabled={!table.getCanPreviousPage()} onClick={() => navigate({ page: caseload.page - 1 })} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40">
            Previous
          </button>
          <span className="text-slate-600">
            Page {caseload.page} of {caseload.pageCount}
          </span>
          <button type="button" disabled={!table.getCanNextPage()} onClick={() => navigate({ page: caseload.page + 1 })} className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40">
            Next
          </button>
        </div>
      </div>
    </div>
  );
}

function FilterSelect({ id, label, value, options, allLabel, onChange }: { id: string; label: string; value: string; options: Option[]; allLabel: string; onChange: (value: string) => void }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
