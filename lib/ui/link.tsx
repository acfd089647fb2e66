import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * The app's one link component: next/link with prefetching off.
 *
 * Every Axis page is rendered per request for the signed-in person (session, access check, audit), and
 * no route has a loading boundary, so a prefetch cannot fetch anything a click could reuse. Next still
 * sends one for every link that scrolls into view: measured in Chromium, 15–24 requests per caseload
 * view, which multiplied the server's CPU per view four to seven times (docs/PERFORMANCE.md, issue 21).
 * A click still navigates on the client, without a full page load.
 */
export function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
