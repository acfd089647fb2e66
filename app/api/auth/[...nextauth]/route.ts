import NextAuth from 'next-auth';
import { cookies } from 'next/headers';
import { NextRequest } from 'next/server';
import { callbackUrlCookieName, isUsableCallbackUrl } from '@/lib/platform/auth/callback-url';
import { authOptions } from '@/lib/platform/auth/options';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

const badRequest = (message: string) => new Response(message, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/**
 * next-auth answers 500 to what a visitor sent: a callback URL (query, form field or cookie) that is not
 * "/…" or an absolute http(s) URL, or a JSON body that does not parse. Those are normalised here first:
 * an unusable callback URL is dropped (the default is home), an unreadable body is a 400, and a GET
 * of the credentials callback is a 405.
 */
async function handle(request: NextRequest, context: Context): Promise<Response> {
  const [action, provider] = (await context.params).nextauth ?? [];
  // Credentials are only ever POSTed; next-auth answers a GET with a 500.
  if (request.method !== 'POST' && action === 'callback' && provider === 'credentials') {
    return new Response('Sign in with the form.', { status: 405, headers: { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const jar = await cookies();
  const cookieName = callbackUrlCookieName();
  const cookieValue = jar.get(cookieName)?.value;
  // Deleting here also removes it from what next-auth reads from cookies() in this request.
  if (cookieValue !== undefined && !isUsableCallbackUrl(cookieValue)) jar.delete(cookieName);

  const url = new URL(request.url);
  const queryCallback = url.searchParams.get('callbackUrl');
  let changed = false;
  if (queryCallback !== null && !isUsableCallbackUrl(queryCallback)) {
    url.searchParams.delete('callbackUrl');
    changed = true;
  }

  let body: string | undefined;
  if (request.method === 'POST') {
    body = await request.text();
    const contentType = request.headers.get('content-type') ?? '';
    if (contentType.includes('application/json')) {
      try {
        JSON.parse(body);
      } catch {
        return badRequest('The request body is not valid JSON.');
      }
    } else if (contentType.includes('application/x-www-form-urlencoded')) {
      const form = new URLSearchParams(body);
      const formCallback = form.get('callbackUrl');
      if (formCallback !== null && !isUsableCallbackUrl(formCallback)) {
        form.delete('callbackUrl');
        body = form.toString();
      }
    }
    changed = true; // the body stream has been read, so next-auth needs a fresh request either way
  }

  const forwarded = changed ? new NextRequest(url, { method: request.method, headers: request.headers, body }) : request;
  return handler(forwarded, context);
}

export { handle as GET, handle as POST };
