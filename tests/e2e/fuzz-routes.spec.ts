import { expect, test, type APIRequestContext, type APIResponse, type BrowserContext } from '@playwright/test';
import fc from 'fast-check';
import { PAGES, ROUTE_HANDLERS } from '../support/access-matrix';
import { ADMIN, DEMO_PASSWORD, DERMATOLOGIST, PORTAL_PATIENT, demoRouteValues, fillRoute, signIn } from './helpers';

// HTTP fuzz of the route handlers (and the dynamic pages' URL parameters) against the built app:
// hostile query strings, headers, cookies and bodies, signed out and signed in. Every answer must be a
// 2xx/3xx/4xx, never a 5xx, with no stack trace or file path in the body, and a redirect never leaves
// the site. Runs are bounded so the file takes well under a minute.

const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const BASE = `http://localhost:${process.env.E2E_PORT ?? 3100}`;

const hostileText = fc.oneof(
  fc.constantFrom(
    "'; drop table patients; --",
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    '//evil.example/steal',
    'https://evil.example/',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '\u202E',
    '0000-00-00',
    '9999-12-31',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '../../../../etc/passwd',
    '%',
    '%zz',
    '%00',
    '[]',
    '{}',
    '__proto__',
    'x'.repeat(8_000),
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.uuid(),
);

/** Header values must be visible ASCII (the HTTP client refuses anything else before sending). */
const headerText = hostileText.map((s) => s.replace(/[^\x20-\x7e]/g, '?').slice(0, 4000));

/** Every query parameter a page reads (caseload, admin search, audit filters, timeline, emergency access, sign-in). */
const PAGE_QUERY_KEYS = ['q', 'page', 'size', 'sort', 'dir', 'condition', 'specialty', 'kind', 'from', 'to', 'until', 'user', 'mrn', 'action', 'outcome', 'emergency', 'after', 'patient', 'callbackUrl', 'error', 'reason', 'review', 'followUp', 'finding', 'instrument', 'list'] as const;

const hostileQuery = fc
  .array(fc.tuple(fc.oneof(hostileText, fc.constantFrom(...PAGE_QUERY_KEYS, 'actor', 'patientId', 'csrf')), hostileText), { maxLength: 4 })
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k.slice(0, 200), v.slice(0, 2000));
    return params.toString();
  });

const hostileHeaders = fc.dictionary(
  fc.constantFrom('x-forwarded-for', 'x-real-ip', 'accept', 'accept-language', 'content-type', 'referer', 'user-agent', 'if-none-match', 'range', 'x-forwarded-host', 'x-forwarded-proto'),
  headerText,
  { maxKeys: 4 },
);

const hostileCookie = fc.option(
  fc.tuple(fc.constantFrom('next-auth.session-token', 'next-auth.csrf-token', 'next-auth.callback-url', '__Secure-next-auth.session-token'), headerText.map((s) => s.replace(/[;,\s]/g, '_'))).map(([k, v]) => `${k}=${v}`),
  { nil: undefined },
);

// Lone surrogates cannot be percent-encoded; the server sees their replacement character instead.
const hostileSegment = hostileText.map((s) => encodeURIComponent(s.slice(0, 300).toWellFormed()));

async function expectNoServerError(response: APIResponse, what: string) {
  const status = response.status();
  const body = status === 200 && /pdf|csv|octet/.test(response.headers()['content-type'] ?? '') ? '' : await response.text();
  expect(status, `${what}: ${body.slice(0, 300)}`).toBeLessThan(500);
  expect(body, `${what}: no stack trace`).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules\/|\/work\/|\.tsx?:\d+:\d+/);
  const location = response.headers()['location'];
  if (location) {
    const target = new URL(location, BASE);
    expect(target.origin, `${what}: redirect stays on the site (${location})`).toBe(BASE);
  }
}

const contexts: Record<string, BrowserContext> = {};
const signedIn: Record<string, APIRequestContext> = {};

test.beforeAll(async ({ browser, playwright }) => {
  test.setTimeout(180_000);
  for (const [who, email] of [
    ['patient', PORTAL_PATIENT],
    ['clinician', DERMATOLOGIST],
    ['admin', ADMIN],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email, DEMO_PASSWORD);
    await expect(page).not.toHaveURL(/\/sign-in/);
    await page.close();
    contexts[who] = context;
    signedIn[who] = context.request;
  }
  signedIn.anonymous = await playwright.request.newContext({ baseURL: BASE });
  await concretePages();
});

test.afterAll(async () => {
  for (const context of Object.values(contexts)) await context.close();
  await signedIn.anonymous?.dispose();
});

/** Every route handler in the declared matrix is fuzzed here; a new one fails until it is added. */
const FUZZED_ROUTE_HANDLERS = ['/portal/summary.pdf', '/api/auth/[...nextauth]', '/admin/audit/export', '/outcomes/export', '/api/fhir/Patient/[patientId]/$everything', '/api/fhir/$export', '/api/messages/[conversationId]/state', '/api/photos/[photoId]/[rendition]', '/api/documents/[documentId]/[purpose]'];

test('fuzzes every route handler in the declared matrix', () => {
  expect([...FUZZED_ROUTE_HANDLERS].sort()).toEqual(Object.keys(ROUTE_HANDLERS).sort());
});

const who = fc.constantFrom('anonymous', 'patient', 'clinician', 'admin');

for (const path of ['/portal/summary.pdf', '/admin/audit/export', '/outcomes/export']) {
  test(`GET ${path} with hostile query, headers and cookies`, async () => {
    await fc.assert(
      fc.asyncProperty(who, hostileQuery, hostileHeaders, hostileCookie, async (actor, query, headers, cookie) => {
        const request = signedIn[actor] as APIRequestContext;
        const response = await request.get(`${path}?${query}`, { headers: cookie ? { ...headers, cookie } : headers, maxRedirects: 0 });
        await expectNoServerError(response, `${actor} GET ${path}?${query}`);
      }),
      { numRuns: RUNS },
    );
  });

  test(`POST/PUT/DELETE ${path} with hostile bodies`, async () => {
    await fc.assert(
      fc.asyncProperty(who, fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH'), hostileText, hostileHeaders, async (actor, method, body, headers) => {
        const request = signedIn[actor] as APIRequestContext;
        const response = await request.fetch(path, { method, data: body, headers, maxRedirects: 0 });
        await expectNoServerError(response, `${actor} ${method} ${path}`);
      }),
      { numRuns: RUNS },
    );
  });
}

test('GET /api/fhir/Patient/[patientId]/$everything with hostile ids, queries and headers', async () => {
  await fc.assert(
    fc.asyncProperty(who, hostileSegment, hostileQuery, hostileHeaders, async (actor, id, query, headers) => {
      const request = signedIn[actor] as APIRequestContext;
      const path = `/api/fhir/Patient/${id}/$everything?${query}`;
      const response = await request.get(path, { headers, maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}`);
    }),
    { numRuns: RUNS },
  );
});

test('GET /api/photos/[photoId]/[rendition] with hostile ids, renditions, queries and headers', async () => {
  await fc.assert(
    fc.asyncProperty(who, hostileSegment, fc.oneof(fc.constantFrom('thumb', 'screen', 'original', '..'), hostileSegment), hostileQuery, hostileHeaders, async (actor, id, rendition, query, headers) => {
      const request = signedIn[actor] as APIRequestContext;
      const path = `/api/photos/${id}/${rendition}?${query}`;
      const response = await request.get(path, { headers, maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}`);
    }),
    { numRuns: RUNS },
  );
});

test('GET /api/documents/[documentId]/[purpose] with hostile ids, purposes, queries and headers', async () => {
  await fc.assert(
    fc.asyncProperty(who, hostileSegment, fc.oneof(fc.constantFrom('view', 'download', 'original', '..'), hostileSegment), hostileQuery, hostileHeaders, async (actor, id, purpose, query, headers) => {
      const request = signedIn[actor] as APIRequestContext;
      const path = `/api/documents/${id}/${purpose}?${query}`;
      const response = await request.get(path, { headers, maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}`);
    }),
    { numRuns: RUNS },
  );
});

test('GET /api/messages/[conversationId]/state with hostile ids, queries and headers, and other methods', async () => {
  await fc.assert(
    fc.asyncProperty(who, hostileSegment, hostileQuery, hostileHeaders, fc.constantFrom('GET', 'POST', 'DELETE'), async (actor, id, query, headers, method) => {
      const request = signedIn[actor] as APIRequestContext;
      const path = `/api/messages/${id}/state?${query}`;
      const response = await request.fetch(path, { method, headers, maxRedirects: 0 });
      await expectNoServerError(response, `${actor} ${method} ${path}`);
    }),
    { numRuns: RUNS },
  );
});

test('GET /api/fhir/$export with hostile _type values, queries and headers', async () => {
  await fc.assert(
    fc.asyncProperty(who, fc.oneof(hostileSegment, fc.constantFrom(',,', 'Patient,'.repeat(50), 'Patient,Bogus')), hostileQuery, hostileHeaders, async (actor, type, query, headers) => {
      const request = signedIn[actor] as APIRequestContext;
      // Hostile or unknown types only (a 400 each): a valid export of a whole caseload is the integration test's job.
      const path = `/api/fhir/$export?_type=${encodeURIComponent(type)}&${query}`;
      const response = await request.get(path, { headers, maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}`);
    }),
    { numRuns: RUNS },
  );
});

test('GET /api/auth/* with hostile paths and queries (callbackUrl included)', async () => {
  await fc.assert(
    fc.asyncProperty(
      who,
      fc.oneof(fc.constantFrom('session', 'csrf', 'providers', 'signin', 'signout', 'error', 'callback/credentials', 'signin/credentials', '_log'), hostileSegment),
      hostileQuery,
      hostileHeaders,
      hostileCookie,
      async (actor, segment, query, headers, cookie) => {
        const request = signedIn[actor] as APIRequestContext;
        const path = `/api/auth/${segment}?${query}`;
        const response = await request.get(path, { headers: cookie ? { ...headers, cookie } : headers, maxRedirects: 0 });
        await expectNoServerError(response, `${actor} GET ${path}`);
      },
    ),
    { numRuns: RUNS },
  );
});

test('POST /api/auth/callback/credentials with hostile form fields, with and without a CSRF token', async ({ playwright }) => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        email: fc.oneof(hostileText, fc.constantFrom(DERMATOLOGIST, PORTAL_PATIENT, ADMIN)),
        password: fc.oneof(hostileText, fc.constant('x'.repeat(1024 * 1024)), fc.constant(DEMO_PASSWORD.toUpperCase())),
        callbackUrl: hostileText,
        extra: hostileText,
      }),
      fc.boolean(),
      hostileHeaders,
      async (fields, withCsrf, headers) => {
        // A fresh client each run: a successful sign-in must not leak into the next run.
        const request = await playwright.request.newContext({ baseURL: BASE });
        try {
          const csrfToken = withCsrf ? ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken : fields.extra;
          const response = await request.post('/api/auth/callback/credentials', {
            form: { csrfToken, email: fields.email, password: fields.password, callbackUrl: fields.callbackUrl, json: 'true' },
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
            maxRedirects: 0,
          });
          await expectNoServerError(response, `POST credentials ${JSON.stringify({ ...fields, password: fields.password.slice(0, 40) }).slice(0, 300)}`);
          if (response.headers()['content-type']?.includes('json')) {
            const url = ((await response.json()) as { url?: string }).url;
            if (url) expect(new URL(url, BASE).origin, `callback url stays on the site (${url})`).toBe(BASE);
          }
        } finally {
          await request.dispose();
        }
      },
    ),
    { numRuns: RUNS },
  );
});

test('POST /api/auth/* with hostile raw bodies and content types', async () => {
  await fc.assert(
    fc.asyncProperty(
      who,
      fc.constantFrom('callback/credentials', 'signin/credentials', 'signout', 'session', 'csrf', '_log'),
      hostileText,
      fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/xml'),
      async (actor, segment, body, contentType) => {
        const request = signedIn[actor] as APIRequestContext;
        const response = await request.post(`/api/auth/${segment}`, { data: body, headers: { 'content-type': contentType }, maxRedirects: 0 });
        await expectNoServerError(response, `${actor} POST /api/auth/${segment} (${contentType})`);
      },
    ),
    { numRuns: RUNS },
  );
});

test('dynamic pages with hostile URL parameters answer 4xx or a redirect, never 5xx', async () => {
  const patterns = [
    '/patients/{p}',
    '/patients/{p}/timeline',
    '/patients/{p}/plan',
    '/patients/{p}/notes/{p}',
    '/patients/{p}/results/{p}',
    '/patients/{p}/results/new/{p}',
    '/admin/patients/{p}',
    '/admin/patients/{p}/audit',
    '/portal/results/{p}',
    '/portal/questionnaires/{p}',
  ];
  await fc.assert(
    fc.asyncProperty(who, fc.constantFrom(...patterns), hostileSegment, hostileQuery, async (actor, pattern, segment, query) => {
      const request = signedIn[actor] as APIRequestContext;
      const path = `${pattern.replaceAll('{p}', segment || 'x')}?${query}`;
      const response = await request.get(path, { maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}`);
    }),
    { numRuns: RUNS * 2 },
  );
});

/**
 * Every page of the declared matrix, with its [params] filled from the demo clinic (Maya Chen's record). Read
 * once, right after signing in (beforeAll), so the ids never depend on what the hostile requests before did to
 * the session; the page fuzzing itself then only asks that nothing answers 5xx.
 */
let concrete: string[] | undefined;
async function concretePages(): Promise<string[]> {
  if (!concrete) {
    const values = await demoRouteValues(signedIn.clinician as APIRequestContext);
    concrete = Object.entries(PAGES).map(([pattern, entry]) => fillRoute(entry.sample ?? pattern, values));
  }
  return concrete;
}

test('GET every page with a NUL in every query parameter, as every kind of user', async () => {
  test.setTimeout(240_000);
  const pages = await concretePages();
  const query = PAGE_QUERY_KEYS.map((k) => `${k}=a%00b`).join('&');
  for (const path of pages) {
    for (const actor of ['anonymous', 'patient', 'clinician', 'admin']) {
      const response = await (signedIn[actor] as APIRequestContext).get(`${path}?${query}`, { maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}?${query}`);
    }
  }
});

test('GET every page with hostile query strings', async () => {
  test.setTimeout(240_000);
  const pages = await concretePages();
  await fc.assert(
    fc.asyncProperty(who, fc.constantFrom(...pages), hostileQuery, async (actor, path, query) => {
      const response = await (signedIn[actor] as APIRequestContext).get(`${path}?${query}`, { maxRedirects: 0 });
      await expectNoServerError(response, `${actor} GET ${path}?${query}`);
    }),
    { numRuns: RUNS * 6 },
  );
});
