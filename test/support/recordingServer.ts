import { createServer } from 'node:http';

/** A local web server that is not Discord: it serves one body to anyone and remembers every request. */
export interface RecordingServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** "GET /path" for every request received, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startRecordingServer(body: string): Promise<RecordingServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
