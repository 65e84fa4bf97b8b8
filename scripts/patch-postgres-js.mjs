// Run by `npm install` (postinstall). postgres.js 3.4.9, the latest release, mishandles a session
// the server ends (a failover or restart, an administrator's pg_terminate_backend,
// idle_in_transaction_session_timeout, a load cancelled mid-statement that loses its session);
// fixes are proposed upstream, none released. Each patch changes nothing once a release no longer
// has the faulty lines, and warns.
//
// 1. It crashes the whole process when a connection closes while a small write is queued for it
//    (porsager/postgres#1208, fixes proposed in #1168 and #1209): a session ended inside
//    `sql.begin` makes begin's own ROLLBACK such a write, and its setImmediate then throws on the
//    null socket, where no caller can catch it. For Listport that took down the job worker and
//    could take down the app. The patch fails the queries that waited for the write with
//    CONNECTION_CLOSED instead, as the proposed fixes do.
// 2. A connection closed while a result was arriving keeps that result's rows, and hands them to
//    the next query it runs once reconnected: a `select … as p, $1 as i` answered with 2,000 rows of
//    nulls before its own row, in 2 of 3 tries after a cursor's session was terminated. The patch
//    starts a closed connection with an empty result.
// 3. A connection closed while a query waited for its end (a cursor between two fetches, as a CSV
//    export reads) keeps that query and the session's last error (the FATAL 57P01 of
//    pg_terminate_backend). Once reconnected, the first query it runs fails with that error: after
//    a cut-short export, another user's request answered 503. The patch clears both on close.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const PATCHES = [
  {
    what: 'guarded nextWrite',
    issue: 'porsager/postgres#1208',
    mark: 'closed before a queued write (Listport patch',
    faulty: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
    patched: `  function nextWrite(fn) {
    if (!socket) {
      // The connection closed before a queued write (Listport patch, porsager/postgres#1208): fail what waited for it, do not crash.
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options, socket))
      return false
    }
    const x = socket.write(chunk, fn)`,
  },
  {
    what: 'emptied the result of a closed connection',
    issue: 'the rows of a result cut off by a closed connection',
    mark: 'rows of a result cut off by the close (Listport patch',
    faulty: `    socket.removeAllListeners()
    socket = null
`,
    patched: `    socket.removeAllListeners()
    socket = null
    // No rows of a result cut off by the close (Listport patch) go to the next query.
    result = new Result()
    results = null
    rows = 0
`,
  },
  {
    what: "cleared a closed connection's query and error",
    issue: 'the error of an ended session given to the next query',
    mark: 'last query and error end with it (Listport patch',
    faulty: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
    patched: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    // The session's last query and error end with it (Listport patch): kept, the error failed the next query.
    query = errorResponse = null
`,
  },
];

for (const build of ['cjs/src', 'src', 'cf/src']) {
  const file = path.join(root, build, 'connection.js');
  if (!fs.existsSync(file)) continue;
  let source = fs.readFileSync(file, 'utf8');
  for (const patch of PATCHES) {
    if (source.includes(patch.mark)) continue;
    if (!source.includes(patch.faulty)) {
      console.warn(`[patch-postgres-js] ${file} has changed: check whether ${patch.issue} is fixed there.`);
      continue;
    }
    source = source.replace(patch.faulty, patch.patched);
    console.log(`[patch-postgres-js] ${patch.what} in ${path.relative(process.cwd(), file)}`);
  }
  fs.writeFileSync(file, source);
}
