import { Entity, Property } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { z } from 'zod';
import {
  activityAggregate,
  authenticated,
  badInput,
  ConnectionType,
  declareGridModule,
  defineGridModule,
  defineSettings,
  findReadable,
  fromGlobalId,
  kindsFor,
  listReadable,
  ModuleRecord,
  Node,
  PageArgs,
  parseInput,
  pgUuidArray,
  ref,
  sameGridRecords,
  sqlValue,
  text,
  toPage,
  type ConnectionResult,
  type RequestContext,
} from '../../../src/modules';

/*
 * 读书角: a module that exists only in the tests, to show that a module is one folder plus one line
 * in modules/index.ts (fourth-module.test.ts adds that line). It uses every kind of setting.
 */

const settings = defineSettings({
  seats: {
    type: 'int',
    label: { zh: '座位数', en: 'Seats' },
    description: { zh: '读书角的座位数', en: 'Seats in the corner' },
    default: 20,
    min: 1,
    max: 500,
  },
  openOnWeekends: {
    type: 'boolean',
    label: { zh: '周末开放', en: 'Open on weekends' },
    description: { zh: '周末是否开放', en: 'Whether it opens on weekends' },
    default: true,
  },
  budgetYuan: {
    type: 'float',
    label: { zh: '年度预算（元）', en: 'Yearly budget (yuan)' },
    description: { zh: '购书预算', en: 'Budget for books' },
    min: 0,
  },
  coordinator: {
    type: 'string',
    label: { zh: '负责人', en: 'Coordinator' },
    description: { zh: '读书角负责人', en: 'Who runs the corner' },
    maxLength: 50,
  },
  rules: {
    type: 'text',
    label: { zh: '借阅规则', en: 'Rules' },
    description: { zh: '张贴的借阅规则', en: 'Lending rules on the wall' },
    default: '保持安静\n按时归还',
  },
  openedOn: {
    type: 'date',
    label: { zh: '开放日期', en: 'Opened on' },
    description: { zh: '读书角开放的日期', en: 'When the corner opened' },
  },
  audience: {
    type: 'enum',
    label: { zh: '面向人群', en: 'Audience' },
    description: { zh: '主要面向的读者', en: 'Main readers' },
    values: [
      { value: 'CHILDREN', label: { zh: '少儿', en: 'Children' } },
      { value: 'ADULTS', label: { zh: '成人', en: 'Adults' } },
      { value: 'ALL', label: { zh: '全体', en: 'Everyone' } },
    ],
    default: 'ALL',
  },
  keepOpen: {
    type: 'boolean',
    label: { zh: '锁定开放', en: 'Keep open' },
    description: { zh: '开启后不能停用本模块', en: 'While on, the module cannot be switched off' },
    default: false,
  },
});

const kind = kindsFor<typeof settings>();

export const readingCorner = declareGridModule({
  id: 'reading-corner',
  version: '0.1.0',
  name: { zh: '读书角', en: 'Reading corner' },
  description: { zh: '网格读书角：图书登记与读书会', en: 'A reading corner: books and reading sessions' },
  settings,
  activityKinds: {
    session: kind({
      label: { zh: '读书会', en: 'Reading session' },
      description: { zh: '一次读书会', en: 'One reading session' },
      details: z.object({
        theme: z.string().trim().max(50).optional().describe('Theme of the session.'),
        readers: z.number().int().min(1).max(500).describe('Readers attending.'),
        childReaders: z.number().int().min(0).default(0).describe('Of them, children.'),
        bookIds: z.array(ref('ReadingCornerBook', 'A book.')).default([]).describe('Books read.'),
      }),
      counts: (d) => ({ beneficiaries: d.readers }),
      async validate(ctx, { grid, settings: s }, d) {
        await sameGridRecords(ctx, ReadingCornerBook, d.bookIds, grid.id, 'input.details.bookIds');
        if (d.readers > s.seats) {
          throw badInput('input.details.readers', { en: 'more readers than seats', zh: '读者多于座位' });
        }
      },
      async example(em, gridId) {
        const books = await em.find(ReadingCornerBook, { gridId }, { limit: 1 });
        return { theme: '童话', readers: 8, childReaders: 5, bookIds: books.map((b) => b.id) };
      },
    }),
  },
});

@ObjectType('ReadingCornerBook', { implements: Node, description: 'A book of the reading corner.' })
@Entity({ tableName: 'reading_corner_book' })
export class ReadingCornerBook extends ModuleRecord {
  @Field(() => String, { description: 'Title.' })
  @Property({ type: 'string', length: 200 })
  title!: string;
}

@ObjectType({ description: 'A page of books.' })
export class ReadingCornerBookConnection extends ConnectionType(ReadingCornerBook, 'ReadingCornerBook') {}

@InputType({ description: 'A new book.' })
export class AddReadingCornerBookInput {
  @Field(() => ID, { description: 'The grid.' })
  gridId!: string;

  @Field(() => String, { description: 'Title.' })
  title!: string;
}

@Resolver()
export class ReadingCornerResolver {
  @Query(() => ReadingCornerBookConnection, { description: 'Books of your jurisdiction.' })
  readingCornerBooks(
    @Ctx() ctx: RequestContext,
    @Args() page: PageArgs,
  ): Promise<ConnectionResult<ReadingCornerBook>> {
    return listReadable(ctx, ReadingCornerBook, {}, toPage(page));
  }

  @Mutation(() => ReadingCornerBook, { description: 'Add a book.' })
  async addReadingCornerBook(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AddReadingCornerBookInput) input: AddReadingCornerBookInput,
  ): Promise<ReadingCornerBook> {
    const data = parseInput(z.object({ title: text(200) }), { title: input.title });
    const { placement } = await readingCorner.requireEnabled(
      ctx,
      fromGlobalId(input.gridId, 'Grid', 'input.gridId'),
    );
    const book = ctx.em.create(ReadingCornerBook, { ...placement, title: data.title });
    readingCorner.event(ctx, 'book.added', { type: 'ReadingCornerBook', id: book.id }, placement);
    await ctx.em.flush();
    return book;
  }
}

export default defineGridModule(readingCorner, {
  entities: [ReadingCornerBook],
  resolvers: [ReadingCornerResolver],
  metrics: [
    {
      code: 'reading-corner.sessions',
      label: { zh: '读书会场次', en: 'Reading sessions' },
      unit: '场',
      compute: (em, scope, period) =>
        activityAggregate(em, scope, period, 'reading-corner.session', 'count(*)'),
    },
    {
      code: 'reading-corner.books',
      label: { zh: '藏书', en: 'Books' },
      unit: '册',
      compute: (em, scope, period) =>
        sqlValue(
          em,
          'select count(*) as value from reading_corner_book where grid_id = any(?::uuid[]) and created_at < ?',
          [pgUuidArray(scope.gridIds), period.to],
        ),
    },
  ],
  permissions: {
    Query: { readingCornerBooks: authenticated },
    Mutation: { addReadingCornerBook: authenticated },
    ReadingCornerBook: authenticated,
    ReadingCornerBookConnection: authenticated,
    ReadingCornerBookEdge: authenticated,
  },
  nodes: { ReadingCornerBook: (ctx, id) => findReadable(ctx, ReadingCornerBook, id) },
  hooks: {
    async beforeDisable(_ctx, _grid, s) {
      return s.keepOpen ? { en: 'The corner is set to stay open', zh: '读书角已锁定开放' } : null;
    },
    async onSettingsChange(ctx, grid, before, after) {
      if (before.audience !== after.audience) {
        readingCorner.event(
          ctx,
          'audience_changed',
          { type: 'Grid', id: grid.id },
          {
            streetId: grid.streetId,
            communityId: grid.communityId,
            gridId: grid.id,
          },
          { from: before.audience, to: after.audience },
        );
      }
    },
  },
});
