import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type QueueDefinition, TOPOLOGY } from '@import-comms/aws';
import { CliError } from '../io.js';
import type { Target } from '../target.js';

export interface ResolvedDlq {
  definition: QueueDefinition;
  dlqUrl: string;
  sourceUrl: string;
}

/** A DLQ named by its queue's id (`email`), its queue's name, or its own name. */
export function findDlq(name: string): QueueDefinition {
  // A deployed name (with its stage suffix) names the same queue.
  const bare = name.replace(/-(dev|prod)$/, '');
  const definition = TOPOLOGY.queues.find(
    (queue) => queue.id === bare || queue.name === bare || queue.deadLetterQueueName === bare,
  );
  if (!definition) {
    throw new CliError(
      `no dead-letter queue "${name}": one of ${TOPOLOGY.queues.map((queue) => queue.id).join(', ')}`,
      2,
    );
  }
  return definition;
}

async function urlOf(sqs: SQSClient, name: string): Promise<string> {
  try {
    const response = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    if (!response.QueueUrl) throw new Error('no URL');
    return response.QueueUrl;
  } catch (error) {
    throw new CliError(`cannot find queue ${name}: ${(error as Error).message}`);
  }
}

/** A DLQ and its source queue where the target has them (names carry the stage in AWS). */
export async function resolveDlq(target: Pick<Target, 'sqs' | 'nameOf'>, name: string): Promise<ResolvedDlq> {
  const definition = findDlq(name);
  const [dlqUrl, sourceUrl] = await Promise.all([
    urlOf(target.sqs, target.nameOf(definition.deadLetterQueueName)),
    urlOf(target.sqs, target.nameOf(definition.name)),
  ]);
  return { definition, dlqUrl, sourceUrl };
}
