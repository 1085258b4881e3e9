import { categories, must, mustReport } from '../helpers/cases';
import { ok, type TestServer } from '../helpers/test-server';

/**
 * A community built through the API with counts chosen by hand, so that every figure of its report
 * is known in advance (see EXPECTED).
 */
export interface Built {
  communityId: string;
  streetId: string;
  g1: string;
  g2: string;
  from: string;
  to: string;
}

const YEAR = new Date().getFullYear();
export const PERIOD = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };

export async function buildCommunity(s: TestServer): Promise<Built> {
  const token = await s.login('street_admin');
  const run = async (query: string, variables: Record<string, unknown>) =>
    ok(await s.gql(query, variables, { token }));
  const m = async (name: string, type: string, input: Record<string, unknown>, fields = 'id') =>
    (await run(`mutation($input: ${type}!) { ${name}(input: $input) { ${fields} } }`, { input }))[name];

  const streetId = ok(await s.gql('{ streets { nodes { id } } }', {}, { token })).streets.nodes[0]
    .id as string;
  const community = await m('createCommunity', 'CreateCommunityInput', {
    streetId,
    code: 'RPT01',
    name: '报告测试社区',
  });
  const g1 = (
    await m('createGrid', 'CreateGridInput', {
      communityId: community.id,
      code: 'RPT01-01',
      name: '测试一网格',
    })
  ).id;
  const g2 = (
    await m('createGrid', 'CreateGridInput', {
      communityId: community.id,
      code: 'RPT01-02',
      name: '测试二网格',
    })
  ).id;

  // 3 residential buildings and 1 that is not.
  const b1 = (await m('createBuilding', 'CreateBuildingInput', { gridId: g1, name: '1号楼' })).id;
  await m('createBuilding', 'CreateBuildingInput', { gridId: g1, name: '2号楼' });
  await m('createBuilding', 'CreateBuildingInput', { gridId: g2, name: '3号楼' });
  await m('createBuilding', 'CreateBuildingInput', { gridId: g2, name: '配电房', residential: false });

  // 4 households, 6 residents: 1 refused information, 2 vulnerable, 1 veteran.
  const h = [];
  for (const [i, grid] of [g1, g1, g1, g2].entries())
    h.push(
      (
        await m('createHousehold', 'CreateHouseholdInput', {
          gridId: grid,
          buildingId: grid === g1 ? b1 : null,
          address: `测试路${i + 1}号`,
        })
      ).id,
    );
  const residents: Record<string, unknown>[] = [
    { name: '居民甲', refusedInfo: true },
    { name: '居民乙', tags: ['ELDERLY_ALONE'] },
    { name: '居民丙', tags: ['VETERAN'] },
    { name: '居民丁', tags: ['LOW_INCOME', 'EMPTY_NEST'] },
    { name: '居民戊' },
    { name: '居民己' },
  ];
  for (const [i, r] of residents.entries())
    await m('createResident', 'CreateResidentInput', { ...r, householdId: h[Math.min(i, 3)] });

  // 3 organizations, 2 of them 两新组织.
  const orgs: string[] = [];
  for (const [kind, name] of [
    ['ENTERPRISE', '测试企业'],
    ['NEW_ECONOMIC', '测试新经济组织'],
    ['NEW_SOCIAL', '测试社会组织'],
  ])
    orgs.push(
      (await m('createOrganization', 'CreateOrganizationInput', { kind, name, communityId: community.id }))
        .id,
    );

  // Staff: a chief on grid 1 only, 3 grid workers (one young, one middle-aged, one without birth date),
  // an assistant, 2 co-managers (公安, 民政), a liaison.
  const start = PERIOD.from;
  const staff = async (
    name: string,
    birthDate: string | null,
    postId: string,
    role: string,
    extra: Record<string, unknown> = {},
  ) => {
    const id = (
      await m('createStaffMember', 'CreateStaffMemberInput', { name, birthDate, communityId: community.id })
    ).id;
    await m('assignStaff', 'AssignStaffInput', {
      staffMemberId: id,
      postId,
      role,
      startDate: start,
      ...extra,
    });
    return id as string;
  };
  await staff('网格长甲', `${YEAR - 50}-05-01`, g1, 'GRID_CHIEF');
  const workerA = await staff('网格员甲', `${YEAR - 30}-06-01`, g1, 'GRID_WORKER');
  await staff('网格员乙', `${YEAR - 45}-03-01`, g2, 'GRID_WORKER');
  const workerC = await staff('网格员丙', null, g2, 'GRID_WORKER');
  await staff('助理甲', `${YEAR - 40}-01-01`, g1, 'GRID_CHIEF_ASSISTANT');
  await staff('协管员甲', null, g1, 'CO_MANAGER', { department: 'PUBLIC_SECURITY' });
  await staff('协管员乙', null, g2, 'CO_MANAGER', { department: 'CIVIL_AFFAIRS' });
  await staff('联络员甲', null, g2, 'LIAISON', { organizationId: orgs[0] });

  // 2 trainings; only worker A attends (training rate 1 of 3 = 33.3%).
  const t1 = (
    await m('createTraining', 'CreateTrainingInput', {
      title: '网格员业务培训',
      date: `${YEAR}-01-15`,
      hours: 2,
      heldBy: { communityId: community.id },
    })
  ).id;
  await m('createTraining', 'CreateTrainingInput', {
    title: '安全知识培训',
    date: `${YEAR}-01-20`,
    hours: 1,
    heldBy: { communityId: community.id },
  });
  await run('mutation($t: ID!, $s: [ID!]!) { recordAttendance(trainingId: $t, staffMemberIds: $s) { id } }', {
    t: t1,
    s: [workerA],
  });

  // 2 log books, 3 sentiment-log entries.
  await m('issueLogBook', 'IssueLogBookInput', { staffMemberId: workerA, number: 'RPT-001' });
  await m('issueLogBook', 'IssueLogBookInput', { staffMemberId: workerC, number: 'RPT-002' });
  for (const day of ['01-16', '01-17', '01-18'])
    await m('createSentimentLog', 'CreateSentimentLogInput', {
      gridId: g1,
      staffMemberId: workerA,
      date: `${YEAR}-${day}`,
      category: 'LIVELIHOOD',
      content: '走访了解居民诉求',
    });

  // Party: a grid branch and a party group on grid 1 (grid 2 has none), 2 members, 1 member service for 5 people.
  const branch = (
    await m('createPartyOrganization', 'CreatePartyOrganizationInput', {
      attachedToId: g1,
      kind: 'GRID_BRANCH',
      name: '测试一网格党支部',
    })
  ).id;
  await m('createPartyOrganization', 'CreatePartyOrganizationInput', {
    attachedToId: g1,
    kind: 'PARTY_GROUP',
    name: '测试党小组',
  });
  for (const name of ['党员甲', '党员乙'])
    await m('addPartyMember', 'AddPartyMemberInput', {
      partyOrganizationId: branch,
      kind: 'DIRECT',
      memberName: name,
      joinedOn: `${YEAR - 5}-07-01`,
    });
  await m('recordPartyActivity', 'RecordPartyActivityInput', {
    partyOrganizationId: branch,
    kind: 'MEMBER_SERVICE',
    title: '帮独居老人修水管',
    heldOn: `${YEAR}-02-01`,
    participants: 2,
    beneficiaries: 5,
  });

  // Aid for 2 households, 5 people.
  await m('recordAid', 'RecordAidInput', {
    householdId: h[0],
    kind: 'GOODS',
    description: '米面油',
    givenOn: `${YEAR}-01-25`,
    peopleHelped: 3,
    givenBy: '社区居委会',
  });
  await m('recordAid', 'RecordAidInput', {
    householdId: h[3],
    kind: 'CASH',
    description: '临时救助',
    givenOn: `${YEAR}-01-26`,
    peopleHelped: 2,
    amount: 500,
    givenBy: '社区居委会',
  });

  // Cases: 2 environment cases solved (rated 5 and 2), 1 noise case left open.
  const cat = await categories(s, token);
  const solve = async (title: string, rating: number) => {
    let c = await mustReport(s, token, { gridId: g1, categoryId: cat.ENVIRONMENT, source: 'PATROL', title });
    c = await must(s, token, 'accept', { id: c.id, version: c.version });
    c = await must(s, token, 'assign', {
      id: c.id,
      version: c.version,
      dueAt: new Date(Date.now() + 3600_000).toISOString(),
      responsible: { kind: 'GRID', assigneeId: workerA },
    });
    c = await must(s, token, 'start', { id: c.id, version: c.version });
    c = await must(s, token, 'resolve', { id: c.id, version: c.version, resolution: '已清理' });
    c = await must(s, token, 'feedback', { id: c.id, version: c.version, channel: 'PHONE' });
    await must(s, token, 'rate', { id: c.id, version: c.version, rating });
  };
  await solve('楼道堆放杂物', 5);
  await solve('垃圾桶满溢', 2);
  await mustReport(s, token, {
    gridId: g2,
    categoryId: cat.NOISE,
    source: 'RESIDENT',
    title: '夜间施工噪音',
  });

  // The volunteer module on grid 1 only.
  await m('enableModule', 'EnableModuleInput', { gridId: g1, moduleId: 'volunteer' }, 'id');
  return { communityId: community.id, streetId, g1, g2, ...PERIOD };
}
