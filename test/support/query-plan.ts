import type { Db, Document } from 'mongodb';

/** How the store answered one query, from its `explain`. */
export interface QueryPlan {
  store: 'ferretdb' | 'mongodb';
  /** The filter reached an index: pushed down and answered by an index scan, or an IXSCAN. */
  usesIndex: boolean;
  /** The plan's node types (PostgreSQL's under FerretDB, MongoDB's stages otherwise). */
  nodes: string[];
  filterPushdown?: boolean;
}

/** A find, update or delete command as the driver sent it (`commandStarted`). */
export interface CapturedCommand {
  name: string;
  command: Document;
}

/**
 * Explains the query part of a captured command: a find as it is, an update or delete as a
 * find with the same filter (the store selects the documents the same way, and FerretDB 1.x
 * explains only find, count and aggregate).
 */
export async function explainQuery(db: Db, captured: CapturedCommand): Promise<QueryPlan> {
  const { name, command } = captured;
  const collection = command[name] as string;
  const find: Document = { find: collection };
  if (name === 'find') {
    for (const part of ['filter', 'sort', 'limit'])
      if (command[part] !== undefined) find[part] = command[part];
  } else {
    const statements = (name === 'update' ? command.updates : command.deletes) as Document[];
    find.filter = statements[0].q;
  }
  const explained = await db.command({ explain: find, verbosity: 'queryPlanner' });
  return classify(explained);
}

function classify(explained: Document): QueryPlan {
  const planner = explained.queryPlanner as Document;
  if ('filterPushdown' in explained) {
    // FerretDB: `queryPlanner` is PostgreSQL's EXPLAIN of the SQL it ran.
    const nodes = collect(planner, 'Node Type');
    const indexed = nodes.some((node) => /Index/.test(node));
    return {
      store: 'ferretdb',
      filterPushdown: explained.filterPushdown === true,
      usesIndex: explained.filterPushdown === true && indexed && !nodes.includes('Seq Scan'),
      nodes,
    };
  }
  const nodes = collect(planner.winningPlan as Document, 'stage');
  return {
    store: 'mongodb',
    usesIndex: nodes.some((stage) => /IXSCAN|IDHACK/.test(stage)) && !nodes.includes('COLLSCAN'),
    nodes,
  };
}

/** Every value of `key` anywhere in a nested plan document. */
function collect(node: unknown, key: string): string[] {
  if (Array.isArray(node)) return node.flatMap((child) => collect(child, key));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([name, value]) =>
    name === key && typeof value === 'string' ? [value] : collect(value, key),
  );
}
