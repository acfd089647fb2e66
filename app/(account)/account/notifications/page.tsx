import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { readEnv } from '@/lib/platform/env';
import { getEmailNotificationSetting } from '@/lib/messages/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { NotificationForm } from './notification-form';

export const metadata: Metadata = { title: 'Notifications' };

export default async function NotificationsPage() {
  const actor = await requireActor();
  const setting = await getEmailNotificationSetting(actor);
  const sending = Boolean(readEnv().SMTP_URL);
  return (
    <div className="space-y-6">
      <PageHeader title="Notifications" description="New messages always show in Axis. You can also be told by e-mail." />
      <Card title="E-mail when a new message arrives">
        <p className="mb-3 text-sm text-slate-700">
          The e-mail goes to {setting.email} and only says that there is a new message in Axis, with a link. It never says who it is from or what it is about.
        </p>
        {!sending && <p className="mb-3 text-sm text-slate-600">This Axis server is not set up to send e-mail yet, so your choice takes effect once it is.</p>}
        <NotificationForm enabled={setting.enabled} />
      </Card>
    </div>
  );
}
