import { redirect } from 'next/navigation';
import { getActor, homePathFor } from '@/lib/platform/auth/session';

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? homePathFor(actor.role) : '/sign-in');
}
