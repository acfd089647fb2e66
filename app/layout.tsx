import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { serverTimeZone } from '@/lib/platform/clinic-time';
import { readEnv } from '@/lib/platform/env';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Axis', template: '%s · Axis' },
  description: 'One shared record for dermatologists and nutritionists co-managing gut–skin patients.',
  robots: { index: false, follow: false },
  // A patient can add the portal to a phone's home screen (public/manifest.webmanifest starts at /portal).
  // No service worker: nothing of a health record is ever cached for offline use.
  manifest: '/manifest.webmanifest',
  icons: {
    icon: [
      { url: '/icons/icon.svg', type: 'image/svg+xml' },
      { url: '/icons/favicon-32.png', sizes: '32x32', type: 'image/png' },
    ],
    apple: '/icons/apple-touch-icon.png',
  },
};

export const viewport: Viewport = { themeColor: '#0f766e' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, never prerendered at build time: Next can only stamp the
  // request's CSP nonce (set by proxy.ts) on its scripts while rendering, and a static page's
  // scripts would carry none and be blocked.
  await connection();
  return (
    // The clinic's time zone, so times formatted in the browser match the server's (lib/platform/clinic-time.ts).
    <html lang="en" data-clinic-tz={readEnv().AXIS_CLINIC_TIME_ZONE ?? serverTimeZone()}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
