/** Records a district system can upsert carry its name and its own id for them, unique together. */
export interface ExternalRef {
  source?: string | null;
  externalId?: string | null;
}
