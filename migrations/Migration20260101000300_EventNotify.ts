import { Migration } from '@mikro-orm/migrations';

/**
 * Every committed event raises NOTIFY gridgov_event with its sequence number. Notifications are
 * delivered at commit and dropped on rollback, so listeners (live subscriptions in every server
 * process) hear of exactly the events that exist, whichever code path wrote them.
 */
export class Migration20260101000300_EventNotify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function event_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('gridgov_event', new.seq::text);
  return null;
end $$;`);
    this.addSql(`create trigger event_notify after insert on event
  for each row execute function event_notify();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists event_notify on event;');
    this.addSql('drop function if exists event_notify();');
  }
}
