import { authenticated, defineGridModule, findReadable } from '../../src/modules';
import {
  SelfGovernanceBallot,
  SelfGovernanceMatter,
  SelfGovernancePledge,
  SelfGovernanceReceipt,
  SelfGovernanceVote,
} from './self-governance.entities';
import { selfGovernanceMetrics } from './self-governance.metrics';
import { selfGovernance } from './self-governance.module';
import {
  SelfGovernanceBallotFieldResolver,
  SelfGovernanceMatterFieldResolver,
  SelfGovernancePledgeFieldResolver,
  SelfGovernanceReceiptFieldResolver,
  SelfGovernanceResolver,
  SelfGovernanceVoteFieldResolver,
} from './self-governance.resolver';
import { seedSelfGovernance } from './self-governance.seed';

const ENTITIES = [
  SelfGovernanceMatter,
  SelfGovernanceVote,
  SelfGovernanceBallot,
  SelfGovernancePledge,
  SelfGovernanceReceipt,
] as const;

/** 居民自治 — residents' matters from proposal (民事民提) to evaluation; any grid may enable it. */
export default defineGridModule(selfGovernance, {
  entities: [...ENTITIES],
  resolvers: [
    SelfGovernanceResolver,
    SelfGovernanceMatterFieldResolver,
    SelfGovernanceVoteFieldResolver,
    SelfGovernanceBallotFieldResolver,
    SelfGovernancePledgeFieldResolver,
    SelfGovernanceReceiptFieldResolver,
  ],
  metrics: selfGovernanceMetrics,
  permissions: {
    Query: {
      selfGovernanceMatters: authenticated,
      selfGovernanceBallots: authenticated,
      selfGovernancePledges: authenticated,
    },
    Mutation: {
      proposeSelfGovernanceMatter: authenticated,
      startSelfGovernanceDiscussion: authenticated,
      openSelfGovernanceVote: authenticated,
      castSelfGovernanceBallot: authenticated,
      closeSelfGovernanceVote: authenticated,
      startSelfGovernanceFunding: authenticated,
      pledgeSelfGovernanceFunds: authenticated,
      receiveSelfGovernanceFunds: authenticated,
      startSelfGovernanceExecution: authenticated,
      completeSelfGovernanceMatter: authenticated,
      evaluateSelfGovernanceMatter: authenticated,
    },
    SelfGovernanceMatter: authenticated,
    SelfGovernanceMatterConnection: authenticated,
    SelfGovernanceMatterEdge: authenticated,
    SelfGovernanceVote: authenticated,
    SelfGovernanceBallot: authenticated,
    SelfGovernanceBallotConnection: authenticated,
    SelfGovernanceBallotEdge: authenticated,
    SelfGovernancePledge: authenticated,
    SelfGovernancePledgeConnection: authenticated,
    SelfGovernancePledgeEdge: authenticated,
    SelfGovernanceReceipt: authenticated,
  },
  nodes: Object.fromEntries(
    ENTITIES.map((entity) => [entity.name, (ctx, id) => findReadable(ctx, entity as never, id)]),
  ),
  seed: seedSelfGovernance,
});
