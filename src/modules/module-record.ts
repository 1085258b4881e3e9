import { BeforeCreate, BeforeUpdate, ChangeSetType, ManyToOne, type EventArgs } from '@mikro-orm/postgresql';
import { Ctx, Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../db/base.entity';
import { byId } from '../graphql/loaders';
import type { RequestContext } from '../server/context';
import { Grid } from '../territory/grid.entity';
import { assertEnabledInUnitOfWork, moduleOfEntity, takeLinkedCaseWrite } from './guard';

/**
 * Base of every table a module owns (and of the core activity table): the record lives on exactly one
 * grid, carries its street and community for one-column jurisdiction filters, and cannot be written
 * while its module is off for that grid.
 */
// Decorated only so subclasses inherit `grid`; never referenced, so never emitted.
@ObjectType('ModuleRecord')
export abstract class ModuleRecord extends BaseEntity {
  @ManyToOne({ entity: 'Street', mapToPk: true, fieldName: 'street_id', index: true })
  streetId!: string;

  @ManyToOne({ entity: 'Community', mapToPk: true, fieldName: 'community_id', index: true })
  communityId!: string;

  @ManyToOne({ entity: 'Grid', mapToPk: true, fieldName: 'grid_id', index: true })
  gridId!: string;

  /** The module the record belongs to; the activity table overrides it with its own column. */
  protected owningModule(): string {
    const id = moduleOfEntity(this);
    if (!id) throw new Error(`${this.constructor.name} is not an entity of an installed module`);
    return id;
  }

  @BeforeCreate()
  @BeforeUpdate()
  protected guardModuleWrite(args: EventArgs<ModuleRecord>): void {
    if (args.changeSet?.type === ChangeSetType.UPDATE && takeLinkedCaseWrite(this)) return;
    assertEnabledInUnitOfWork(args.em as never, this.owningModule(), this.gridId);
  }

  @Field(() => Grid, { name: 'grid', description: 'The grid this record belongs to.' })
  async gridNode(@Ctx() ctx: RequestContext): Promise<Grid> {
    return (await byId(ctx, Grid).load(this.gridId))!;
  }
}
