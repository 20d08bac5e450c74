import { createServer, type Server } from 'node:http';
import type { Metrics } from './metrics.ts';

export interface HealthChecks {
  gatewayConnected(): boolean;
  databaseWritable(): boolean;
}

/**
 * GET /healthz: 200 when the gateway is connected and the database takes writes, else 503,
 * with the details as JSON. GET /metrics: the Prometheus text format.
 */
export async function startHealthServer(port: number, host: string, checks: HealthChecks, metrics: Metrics): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
    } else if (path === '/healthz') {
      const status = { gateway: checks.gatewayConnected(), database: checks.databaseWritable() };
      const healthy = status.gateway && status.database;
      res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: healthy, ...status }));
    } else if (path === '/metrics') {
      metrics.registry
        .metrics()
        .then((text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text))
        .catch(() => res.writeHead(500).end());
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Try /healthz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}
