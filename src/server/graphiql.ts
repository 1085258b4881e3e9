import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * GraphiQL served from the server's own packages: street offices run on isolated networks, so the
 * page must not fetch anything from a CDN.
 */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: 'react/umd/react.production.min.js', type: 'application/javascript; charset=utf-8' },
  'react-dom.js': {
    file: 'react-dom/umd/react-dom.production.min.js',
    type: 'application/javascript; charset=utf-8',
  },
  'graphiql.js': { file: 'graphiql/graphiql.min.js', type: 'application/javascript; charset=utf-8' },
  'graphiql.css': { file: 'graphiql/graphiql.min.css', type: 'text/css; charset=utf-8' },
};

export const GRAPHIQL_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>GridGov GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script src="/graphiql/assets/start.js"></script>
</body>
</html>
`;

// Kept out of the HTML so a strict Content-Security-Policy (script-src 'self') can be used.
const START_JS = `(function () {
  var token = window.localStorage.getItem('gridgov-token');
  var fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    headers: token ? { Authorization: 'Bearer ' + token } : {},
  });
  var defaultQuery = '# 登录：mutation { login(username: "admin", password: "gridgov-demo") { token } }\\n' +
    '# 然后在 Headers 中加入 {"Authorization": "Bearer <token>"}\\n\\nquery {\\n  viewer { kind role }\\n}\\n';
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, isHeadersEditorEnabled: true, shouldPersistHeaders: true })
  );
})();
`;

export function registerGraphiql(app: FastifyInstance): void {
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [name, a] of Object.entries(ASSETS)) {
    const [pkg, ...rest] = a.file.split('/');
    const file = join(dirname(require.resolve(`${pkg}/package.json`)), ...rest);
    assets.set(name, { body: readFileSync(file), type: a.type });
  }
  assets.set('start.js', { body: Buffer.from(START_JS), type: 'application/javascript; charset=utf-8' });

  const page = (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
      )
      .send(GRAPHIQL_HTML);
  app.get('/graphiql', page);
  app.get<{ Params: { name: string } }>('/graphiql/assets/:name', (req, reply) => {
    const asset = assets.get(req.params.name);
    if (!asset) return reply.code(404).send({ error: 'not found' });
    return reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=86400')
      .send(asset.body);
  });
}

export function wantsHtml(accept: string | undefined): boolean {
  return !!accept && accept.includes('text/html');
}
