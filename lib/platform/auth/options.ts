import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/platform/audit/record';
import { authCookies, usesSecureCookies } from './cookies';
import { authenticate, MFA_CODE_REQUIRED } from './credentials';
import { clientAddressFrom, userAgentFrom } from './request-context';
import { revokeSession, SESSION_MAX_AGE_SECONDS } from './sessions';

export const SIGN_IN_UNAVAILABLE_MESSAGE = 'Sign-in is temporarily unavailable. Please try again in a minute.';

declare module 'next-auth' {
  interface Session {
    sid?: string;
  }
  interface User {
    sessionId?: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sid?: string;
  }
}

const secureCookies = usesSecureCookies(process.env.NEXTAUTH_URL);

export const authOptions: NextAuthOptions = {
  useSecureCookies: secureCookies,
  cookies: authCookies(secureCookies),
  // Credentials sign-in requires JWT sessions in next-auth v4. The JWT carries only the id of a
  // server-side session row (lib/platform/auth/sessions.ts), checked on every request, so revocation is instant.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        code: { label: 'Authentication code', type: 'text' },
      },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        let result;
        try {
          result = await authenticate(getDb(), credentials, { address: clientAddressFrom(headers), userAgent: userAgentFrom(headers) });
        } catch (error) {
          console.error('sign-in failed unexpectedly', error);
          throw new Error(SIGN_IN_UNAVAILABLE_MESSAGE);
        }
        // next-auth passes a thrown message to the form; ours are written for the user, except
        // MFA_CODE_REQUIRED, which the form turns into the code step.
        if (!result.ok) throw new Error(result.reason === 'code-required' ? MFA_CODE_REQUIRED : result.message);
        return { id: result.user.id, name: result.user.name, email: result.user.email, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.sessionId) token.sid = user.sessionId;
      return token;
    },
    async session({ session, token }) {
      session.sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.sid) return;
      const now = new Date();
      await revokeSession(getDb(), token.sid, 'signed-out', now);
      if (token.sub) {
        await recordAudit(getDb(), { userId: token.sub, role: null, requestAddress: null }, [
          { action: 'auth.sign_out', outcome: 'allowed', entityType: 'session', entityId: token.sid },
        ]);
      }
    },
  },
};
