import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// Treatment notes are Markdown written by clinicians and read by colleagues (and, when shared, by the
// patient). They are rendered to React elements, never to an HTML string: raw HTML in the source is
// shown as the text that was typed (react-markdown without rehype-raw), links keep only http(s) and
// mailto targets, and images are not loaded at all. No script or event handler can come out of here.
// Safe in Server Components and in the browser (the editor's live preview uses the same renderer).

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * Keeps a URL only when it is an absolute http(s) or mailto address. Everything else (javascript:,
 * data:, vbscript:, relative paths, protocol-relative //host, obfuscated schemes) is dropped, so the
 * element renders without the attribute. Control characters and whitespace are stripped before the
 * check, as browsers do when they parse a URL.
 */
export function noteUrlTransform(url: string, key: string): string | undefined {
  if (key !== 'href') return undefined;
  const compact = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!SAFE_LINK.test(compact)) return undefined;
  if (compact !== url.trim()) return undefined;
  return url.trim();
}

/** A path inside Axis's own record pages ("/patients/<id>/results/<id>"): no scheme, host, backslash or dot segment. */
const INTERNAL_RECORD_PATH = /^\/patients\/[0-9a-f-]{36}(\/[A-Za-z0-9_-]+)*\/?(#[A-Za-z0-9_-]*)?$/;

/**
 * noteUrlTransform, plus links to the care team's own record pages, so a team message can point at a result,
 * a plan item or a note by pasting its address bar path. Anything else relative is still dropped.
 */
export function messageUrlTransform(url: string, key: string): string | undefined {
  if (key === 'href' && INTERNAL_RECORD_PATH.test(url)) return url;
  return noteUrlTransform(url, key);
}

const components: Components = {
  // Headings inside a note are section labels, not page headings.
  h1: ({ children }) => <p className="mt-3 text-base font-semibold text-slate-900">{children}</p>,
  h2: ({ children }) => <p className="mt-3 text-base font-semibold text-slate-900">{children}</p>,
  h3: ({ children }) => <p className="mt-3 font-semibold text-slate-900">{children}</p>,
  h4: ({ children }) => <p className="mt-2 font-semibold text-slate-800">{children}</p>,
  h5: ({ children }) => <p className="mt-2 font-semibold text-slate-800">{children}</p>,
  h6: ({ children }) => <p className="mt-2 font-semibold text-slate-800">{children}</p>,
  p: ({ children }) => <p className="my-2 first:mt-0 last:mb-0">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 pl-5">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-4 border-slate-200 pl-3 text-slate-600">{children}</blockquote>,
  code: ({ children }) => <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">{children}</code>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{children}</pre>,
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table className="w-full text-left text-sm">{children}</table>
    </div>
  ),
  th: ({ children }) => <th className="border-b border-slate-200 px-2 py-1 font-semibold">{children}</th>,
  td: ({ children }) => <td className="border-b border-slate-100 px-2 py-1">{children}</td>,
  a: ({ href, children }) =>
    href?.startsWith('/') ? (
      <a href={href} className="text-brand-700 underline">
        {children}
      </a>
    ) : href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-brand-700 underline">
        {children}
      </a>
    ) : (
      // A link whose target was refused keeps its text, so nothing the author wrote disappears.
      <span className="underline decoration-dotted">{children}</span>
    ),
  // Images are never loaded (no tracking pixels, no data: payloads); the alternative text stays.
  img: ({ alt }) => <span className="text-slate-500">[image{alt ? `: ${alt}` : ''}]</span>,
  input: ({ type, checked }) => (type === 'checkbox' ? <input type="checkbox" checked={Boolean(checked)} disabled readOnly className="mr-1 align-middle" /> : null),
};

// Parsing Markdown is the costly part of showing a note (issue 21's profile: 6% of the patient page's server
// time went to remark and micromark), and a note version never changes once written. The elements are a pure
// function of the text and the link rule, so they are kept by exactly those (least recently used out first).
// Only text already read through the access-checked data layer ever reaches here.
const MEMO_ENTRIES = 500;
const MEMO_MAX_SOURCE = 50_000;
const memo = new Map<string, ReactNode>();

function markdownElements(source: string, internalLinks: boolean): ReactNode {
  const key = `${internalLinks ? 'message' : 'note'}\u0000${source}`;
  const kept = memo.get(key);
  if (kept !== undefined) {
    memo.delete(key);
    memo.set(key, kept);
    return kept;
  }
  const elements = Markdown({ children: source, remarkPlugins: [remarkGfm], urlTransform: internalLinks ? messageUrlTransform : noteUrlTransform, components });
  if (source.length <= MEMO_MAX_SOURCE) {
    memo.set(key, elements);
    if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  }
  return elements;
}

/** A note's Markdown as safe React elements; `internalLinks` (messages) also keeps links to record pages. */
export function NoteMarkdown({ source, className, internalLinks }: { source: string; className?: string; internalLinks?: boolean }) {
  return <div className={`break-words text-sm leading-relaxed text-slate-800 ${className ?? ''}`}>{markdownElements(source, Boolean(internalLinks))}</div>;
}
