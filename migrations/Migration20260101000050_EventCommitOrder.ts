import { Migration } from '@mikro-orm/migrations';

/**
 * Events become visible in sequence order. A sequence number is taken at insert but seen at commit,
 * so two transactions could otherwise commit in the opposite order of their numbers and a reader
 * paging with `after` would skip one. The first event a transaction writes takes a transaction-level
 * advisory lock (per database) before it draws its number: transactions that write events commit one
 * after another, in the order of their numbers. Event writes are short and few, so this costs little.
 */
export class Migration20260101000050_EventCommitOrder extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function event_commit_order() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(7301551);
  new.seq := nextval(pg_get_serial_sequence('event', 'seq'));
  return new;
end $$;`);
    this.addSql(`create trigger event_commit_order before insert on event
  for each row execute function event_commit_order();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists event_commit_order on event;');
    this.addSql('drop function if exists event_commit_order();');
  }
}
