import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver, registerEnumType } from 'type-graphql';
import { fromGlobalId } from '../graphql/global-id';
import type { RequestContext } from '../server/context';
import { revealResident } from './reveal.service';

export enum PersonalField {
  ID_NUMBER = 'ID_NUMBER',
  PHONE = 'PHONE',
}
registerEnumType(PersonalField, {
  name: 'PersonalField',
  description: 'A personal field that is masked unless revealed.',
  valuesConfig: {
    ID_NUMBER: { description: '身份证号 ID number' },
    PHONE: { description: '联系电话 phone' },
  },
});

@ObjectType('RevealedResident', {
  description: 'Unmasked personal data of one resident; each reveal is audited.',
})
export class RevealedResident {
  @Field(() => String, { nullable: true, description: 'Full ID number, when asked for and recorded.' })
  idNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'Full phone number, when asked for and recorded.' })
  phone!: string | null;

  @Field(() => [PersonalField], { description: 'The fields revealed (and audited).' })
  fields!: PersonalField[];
}

@Resolver()
export class RevealResolver {
  @Mutation(() => RevealedResident, {
    description:
      'Reveal a resident’s ID number and/or phone (community administrators and above, and grid chiefs of the resident’s grid). Writes an audit record with your reason.',
  })
  revealResident(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The resident.' }) id: string,
    @Arg('fields', () => [PersonalField], { description: 'Which fields to reveal.' }) fields: PersonalField[],
    @Arg('reason', () => String, { description: 'Why you need them (recorded in the audit log).' })
    reason: string,
  ): Promise<RevealedResident> {
    return revealResident(ctx, fromGlobalId(id, 'Resident'), { fields, reason }) as Promise<RevealedResident>;
  }
}
