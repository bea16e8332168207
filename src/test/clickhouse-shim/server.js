'use strict';
// A test-only stand-in for ClickHouse's HTTP interface: enough of it for com.clickhouse:client-v2,
// with queries run by the real ClickHouse engine embedded in chDB. Listens on 127.0.0.1 at the port
// given as the first argument (0 = any free port) and prints "listening <port>" once ready.
// POST / (or GET /?query=...): the SQL is the `query` URL parameter followed by the body; `param_<name>`
// URL parameters bind {name:Type} placeholders (queries name their database); the result is sent
// in the FORMAT of the query, else `default_format`, else TabSeparated, without compression.
const http = require('http');
const { Session } = require('chdb');

const port = Number(process.argv[2] || 0);
const dataDir = process.argv[3];
const session = dataDir ? new Session(dataDir) : new Session();

function fail(res, status, code, message) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=UTF-8',
    'X-ClickHouse-Exception-Code': String(code),
  });
  res.end(`Code: ${code}. DB::Exception: ${message}\n`);
}

// Parameter values arrive in ClickHouse's escaped text format (as the HTTP interface reads them);
// chDB binds plain values, so undo the escaping here.
const ESCAPES = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', 0: '\0', a: '\x07', v: '\v' };
function unescape(value) {
  return value.replace(/\\(.)/gs, (_, c) => (c in ESCAPES ? ESCAPES[c] : c));
}

async function run(req, res, body) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/ping' || (url.pathname === '/' && req.method === 'GET' && !url.searchParams.has('query'))) {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=UTF-8' });
    res.end('Ok.\n');
    return;
  }
  const sql = (url.searchParams.get('query') || '') + (body.length ? (url.searchParams.has('query') ? '\n' : '') + body.toString('utf8') : '');
  const params = {};
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('param_')) {
      params[key.substring(6)] = unescape(value);
    }
  }
  const explicit = /\bFORMAT\s+([A-Za-z0-9]+)\s*;?\s*$/i.exec(sql);
  const format = explicit ? explicit[1] : (url.searchParams.get('default_format') || 'TabSeparated');
  try {
    const result = Object.keys(params).length
      ? await session.queryBindAsync(sql, params, { format })
      : await session.queryAsync(sql, { format });
    const bytes = Buffer.from(result.bytes());
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': bytes.length,
      'X-ClickHouse-Format': format,
      'X-ClickHouse-Query-Id': url.searchParams.get('query_id') || '',
      'X-ClickHouse-Timezone': 'UTC',
      'X-ClickHouse-Server-Display-Name': 'chdb-shim',
      'X-ClickHouse-Summary': JSON.stringify({
        read_rows: String(result.rowsRead || 0), read_bytes: String(result.bytesRead || 0),
        written_rows: '0', written_bytes: '0', total_rows_to_read: '0', result_rows: '0', result_bytes: String(bytes.length),
        elapsed_ns: String(Math.round((result.elapsed || 0) * 1e9)),
      }),
    });
    res.end(bytes);
  } catch (e) {
    const message = String(e && e.message ? e.message : e);
    const code = /Code: (\d+)/.exec(message);
    fail(res, 500, code ? code[1] : 1000, message);
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    run(req, res, Buffer.concat(chunks)).catch((e) => fail(res, 500, 1000, String(e)));
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    session.cleanup();
    process.exit(0);
  });
}
