// Run by `npm install` (postinstall). postgres.js 3.4.9, the latest release, crashes the whole
// process when a connection closes while a small write is queued for it (porsager/postgres#1208,
// fixes proposed in #1168 and #1209, none released): a session the server ends inside `sql.begin` —
// a failover or restart, an administrator's pg_terminate_backend, idle_in_transaction_session_timeout
// — makes begin's own ROLLBACK such a write, and its setImmediate then throws on the null socket,
// where no caller can catch it. For Listport that took down the job worker and could take down the
// app. The patch fails the queries that waited for the write with CONNECTION_CLOSED instead, as
// the proposed fixes do. It changes nothing once a release no longer has the faulty line.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', 'postgres');
const MARK = 'closed before a queued write (Listport patch';
const FAULTY = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`;
const GUARDED = `  function nextWrite(fn) {
    if (!socket) {
      // The connection ${MARK}, porsager/postgres#1208): fail what waited for it, do not crash.
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options, socket))
      return false
    }
    const x = socket.write(chunk, fn)`;

for (const build of ['cjs/src', 'src', 'cf/src']) {
  const file = path.join(root, build, 'connection.js');
  if (!fs.existsSync(file)) continue;
  const source = fs.readFileSync(file, 'utf8');
  if (source.includes(MARK)) continue;
  if (!source.includes(FAULTY)) {
    console.warn(`[patch-postgres-js] ${file} has changed: check whether porsager/postgres#1208 is fixed there.`);
    continue;
  }
  fs.writeFileSync(file, source.replace(FAULTY, GUARDED));
  console.log(`[patch-postgres-js] guarded nextWrite in ${path.relative(process.cwd(), file)}`);
}
