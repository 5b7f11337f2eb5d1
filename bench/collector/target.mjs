// The scrape target and remote-write sink of bench:collector, in its own
// process so its CPU counts for neither tool. Arguments: `name=file` pairs;
// GET /<name>/metrics serves that file's exposition body. Any POST is a
// remote-write request: the body is read in full and answered 204. GET /stats
// answers the scrape count per target and scraper (`prometheus` by its
// User-Agent, else `governor`) and the remote-write requests and bytes.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const bodies = new Map();
for (const arg of process.argv.slice(2)) {
  const eq = arg.indexOf('=');
  bodies.set(`/${arg.slice(0, eq)}/metrics`, readFileSync(arg.slice(eq + 1), 'utf8'));
}
const stats = { scrapes: {}, writes: 0, writeBytes: 0 };
const server = createServer((req, res) => {
  if (req.method === 'POST') {
    let bytes = 0;
    req.on('data', (chunk) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      stats.writes++;
      stats.writeBytes += bytes;
      res.writeHead(204).end();
    });
    return;
  }
  if (req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(stats));
    return;
  }
  const body = bodies.get(req.url);
  if (body === undefined) return res.writeHead(404).end();
  const who = String(req.headers['user-agent'] ?? '').startsWith('Prometheus') ? 'prometheus' : 'governor';
  const key = `${req.url} ${who}`;
  stats.scrapes[key] = (stats.scrapes[key] ?? 0) + 1;
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
