import { XMLParser } from 'fast-xml-parser';
import { createTestServer, ok, type TestServer } from './helpers/test-server';

/*
 * The Open311 GeoReport v2 façade over HTTP: services, a request created with an API key (form
 * encoded, as the spec sends it) and routed to the grid holding its point, read back in JSON and
 * XML, and errors as Open311's list of {code, description}.
 */

let s: TestServer;
let writer: string;
let reader: string;
let foreign: string;
beforeAll(async () => {
  s = await createTestServer();
  const admin = await s.login('admin');
  const d = ok(
    await s.gql(
      '{ communities { nodes { id } } grids(first: 9) { nodes { id code } } }',
      {},
      { token: admin },
    ),
  );
  const key = async (scopes: string[], where: Record<string, string>) =>
    ok(
      await s.gql(
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }',
        { i: { name: '12345热线', scopes, ...where } },
        { token: admin },
      ),
    ).createApiKey.key as string;
  const community = d.communities.nodes[0].id;
  writer = await key(['cases:write'], { communityId: community });
  reader = await key(['cases:read'], { communityId: community });
  const grid5 = d.grids.nodes.find((g: { code: string }) => g.code === 'SQ0101-05').id;
  foreign = await key(['cases:read'], { gridId: grid5 });
});
afterAll(() => s.close());

const xml = new XMLParser({ isArray: (name) => ['service', 'request', 'error'].includes(name) });

function get(url: string, headers: Record<string, string> = {}) {
  return s.app.server.fastify.inject({ method: 'GET', url, headers });
}

function postForm(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return s.app.server.fastify.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams(form).toString(),
  });
}

// Inside the boundary of grid SQ0101-02 of the demo community.
const POINT = { lat: '30.5525', long: '114.3075' };

describe('Open311 GeoReport v2', () => {
  it('lists services (case categories) in JSON and XML, without a key', async () => {
    const res = await get('/open311/v2/services.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const services = JSON.parse(res.body) as Record<string, unknown>[];
    const env = services.find((x) => x.service_code === 'ENVIRONMENT');
    expect(env).toMatchObject({ service_name: '环境卫生', metadata: false, type: 'realtime' });
    expect(Object.keys(env!).sort()).toEqual(
      ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
    );

    const x = await get('/open311/v2/services.xml', { 'accept-language': 'en' });
    expect(x.headers['content-type']).toMatch(/^text\/xml/);
    expect(x.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = xml.parse(x.body);
    expect(doc.services.service.map((v: { service_code: string }) => v.service_code)).toEqual(
      services.map((v) => v.service_code),
    );
    expect(doc.services.service.find((v: any) => v.service_code === 'ENVIRONMENT').service_name).toBe(
      'Environment and sanitation',
    );
  });

  it('creates a request with api_key, routed by its point, and reads it back in JSON and XML', async () => {
    const res = await postForm('/open311/v2/requests.json', {
      api_key: writer,
      service_code: 'ENVIRONMENT',
      ...POINT,
      address_string: '东湖路 12 号门口',
      description: '垃圾桶满溢，已两天无人清运',
      first_name: '王',
      phone: '13800001111',
    });
    expect(res.statusCode).toBe(201);
    const [created] = JSON.parse(res.body);
    expect(Object.keys(created).sort()).toEqual(['account_id', 'service_notice', 'service_request_id']);
    expect(created.service_notice).toMatch(/第二网格/);
    // The requester's phone is not kept anywhere a case could show it.
    expect(res.body).not.toContain('13800001111');

    const one = await get(`/open311/v2/requests/${created.service_request_id}.json?api_key=${reader}`);
    expect(one.statusCode).toBe(200);
    const [r] = JSON.parse(one.body);
    expect(r).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      service_code: 'ENVIRONMENT',
      service_name: '环境卫生',
      description: '垃圾桶满溢，已两天无人清运',
      address: '东湖路 12 号门口',
      lat: 30.5525,
      long: 114.3075,
      media_url: null,
    });
    expect(r.agency_responsible).toMatch(/^第二网格/);
    expect(r.status_notes).toBe('已上报');
    for (const t of ['requested_datetime', 'updated_datetime', 'expected_datetime']) {
      expect(r[t]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    expect(one.body).not.toContain('13800001111');

    const x = await get(`/open311/v2/requests/${created.service_request_id}.xml`, { 'x-api-key': reader });
    const doc = xml.parse(x.body);
    expect(doc.service_requests.request[0]).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      service_code: 'ENVIRONMENT',
      lat: 30.5525,
      long: 114.3075,
    });

    // The case is real: in the closed loop, from INTEGRATION, in grid 2.
    const admin = await s.login('community_admin');
    const c = ok(
      await s.gql(
        'query($id: ID!) { node(id: $id) { ... on Case { state source title grid { code } } } }',
        { id: created.service_request_id },
        { token: admin },
      ),
    ).node;
    expect(c).toMatchObject({ state: 'REPORTED', source: 'INTEGRATION', grid: { code: 'SQ0101-02' } });

    const list = JSON.parse((await get(`/open311/v2/requests.json?api_key=${reader}&status=open`)).body);
    expect(list.map((x: { service_request_id: string }) => x.service_request_id)).toContain(
      created.service_request_id,
    );
    expect(list.every((x: { status: string }) => x.status === 'open')).toBe(true);
    const closed = JSON.parse(
      (await get(`/open311/v2/requests.json?api_key=${reader}&status=closed&service_code=ENVIRONMENT`)).body,
    );
    expect(closed.every((x: { status: string; service_code: string }) => x.status === 'closed')).toBe(true);
    const byId = JSON.parse(
      (
        await get(
          `/open311/v2/requests.json?api_key=${reader}&service_request_id=${created.service_request_id}`,
        )
      ).body,
    );
    expect(byId).toHaveLength(1);

    // A key of another grid does not see it.
    expect(
      (await get(`/open311/v2/requests/${created.service_request_id}.json?api_key=${foreign}`)).statusCode,
    ).toBe(404);
  });

  it('answers errors in Open311’s format with the HTTP status, in JSON and XML', async () => {
    const noKey = await postForm('/open311/v2/requests.json', { service_code: 'ENVIRONMENT', ...POINT });
    expect(noKey.statusCode).toBe(401);
    expect(JSON.parse(noKey.body)).toEqual([{ code: 401, description: expect.stringMatching(/API/) }]);

    const readOnly = await postForm('/open311/v2/requests.json', {
      api_key: reader,
      service_code: 'ENVIRONMENT',
      ...POINT,
    });
    expect(readOnly.statusCode).toBe(403);

    const missing = await postForm(
      '/open311/v2/requests.json',
      { api_key: writer, ...POINT },
      { 'accept-language': 'en' },
    );
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body)[0].description).toMatch(/service_code/);

    const noPlace = await postForm('/open311/v2/requests.xml', {
      api_key: writer,
      service_code: 'ENVIRONMENT',
    });
    expect(noPlace.statusCode).toBe(400);
    const doc = xml.parse(noPlace.body);
    expect(doc.errors.error[0].code).toBe(400);
    expect(doc.errors.error[0].description).toMatch(/位置/);

    const unknown = await postForm('/open311/v2/requests.json', {
      api_key: writer,
      service_code: 'NOPE',
      ...POINT,
    });
    expect(unknown.statusCode).toBe(400);
    const badLat = await postForm('/open311/v2/requests.json', {
      api_key: writer,
      service_code: 'ENVIRONMENT',
      lat: 'north',
      long: '114.3',
    });
    expect(badLat.statusCode).toBe(400);
    expect(JSON.parse(badLat.body)[0].description).toMatch(/lat/);

    // JSON bodies work too.
    const json = await s.app.server.fastify.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/json', 'x-api-key': writer },
      payload: JSON.stringify({ service_code: 'NOISE', address_string: '幸福小区 3 栋' }),
    });
    expect(json.statusCode).toBe(201);

    expect((await get(`/open311/v2/requests/nope.json?api_key=${reader}`)).statusCode).toBe(404);
    expect((await get('/open311/v2/requests.json')).statusCode).toBe(401);
    expect((await get('/open311/v2/services.csv')).statusCode).toBe(404);
  });
});
