-- Lets PostgreSQL answer FerretDB's pushed-down filters from an index.
--
-- FerretDB v1.24 creates a MongoDB index as a B-tree over `(_jsonb -> 'field')`, but pushes an
-- equality filter down as `_jsonb -> 'field' @> '"value"'` (containment, so that it also
-- matches array elements). A B-tree cannot answer `@>`, so every query was a sequential scan
-- of the collection's table, `_id` lookups included. This event trigger adds, for each field
-- of each B-tree index FerretDB creates, a GIN index over the same expression, which does
-- answer `@>`. The apps keep creating their indexes through the MongoDB protocol; FerretDB
-- does not list these companions, and they go with the table when a collection is dropped.
--
-- The companions are built without GIN's pending list (fastupdate = off). With it, rows
-- inserted since the last vacuum sit in an unsorted list of up to 4 MB that every search
-- reads from end to end: one webhook's delivery log took 8.9 ms after a burst of log writes
-- instead of 1.4 ms, and the inserts that overflow the list pay for merging it.
-- Applied in single-user mode by scripts/lib/postgres.sh (statements end with ";" and a
-- blank line).

CREATE OR REPLACE FUNCTION ferretdb_pushdown_indexes() RETURNS event_trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  created record;
  expression text;
  field text;
  column_number int;
BEGIN
  FOR created IN
    SELECT c.objid AS index_oid, i.indrelid AS table_oid, i.indnatts AS columns,
      t.relname AS table_name, n.nspname AS schema_name
    FROM pg_event_trigger_ddl_commands() c
    JOIN pg_index i ON i.indexrelid = c.objid
    JOIN pg_class ix ON ix.oid = c.objid
    JOIN pg_am am ON am.oid = ix.relam AND am.amname = 'btree'
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.command_tag = 'CREATE INDEX' AND c.object_type = 'index'
  LOOP
    FOR column_number IN 1..created.columns LOOP
      expression := pg_get_indexdef(created.index_oid, column_number, true);
      field := substring(expression FROM $re$^\(?_jsonb -> '([^']+)'::text\)?$$re$);
      CONTINUE WHEN field IS NULL;
      EXECUTE format(
        'CREATE INDEX IF NOT EXISTS %I ON %I.%I USING gin ((_jsonb -> %L) jsonb_path_ops) WITH (fastupdate = off)',
        left(created.table_name, 40) || '_' || left(md5(field), 12) || '_gin',
        created.schema_name, created.table_name, field);
    END LOOP;
  END LOOP;
END
$fn$;

DROP EVENT TRIGGER IF EXISTS ferretdb_pushdown_indexes;

CREATE EVENT TRIGGER ferretdb_pushdown_indexes ON ddl_command_end
  WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION ferretdb_pushdown_indexes();

-- Companions built by an earlier version of this file still have a pending list: turn it off
-- and merge what it holds.
DO $convert$
DECLARE
  companion record;
BEGIN
  FOR companion IN
    SELECT ix.oid, n.nspname AS schema_name, ix.relname AS index_name
    FROM pg_class ix
    JOIN pg_am am ON am.oid = ix.relam AND am.amname = 'gin'
    JOIN pg_namespace n ON n.oid = ix.relnamespace
    WHERE ix.relkind = 'i' AND ix.relname LIKE '%\_gin'
      AND NOT coalesce('fastupdate=off' = ANY (ix.reloptions), false)
  LOOP
    EXECUTE format('ALTER INDEX %I.%I SET (fastupdate = off)', companion.schema_name,
      companion.index_name);
    PERFORM gin_clean_pending_list(companion.oid::regclass);
  END LOOP;
END
$convert$;

