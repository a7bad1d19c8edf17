import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type QueueDefinition, TOPOLOGY } from '@import-comms/aws';
import { CliError } from '../io.js';

export interface ResolvedDlq {
  definition: QueueDefinition;
  dlqUrl: string;
  sourceUrl: string;
}

/** A DLQ named by its queue's id (`email`), its queue's name, or its own name. */
export function findDlq(name: string): QueueDefinition {
  const definition = TOPOLOGY.queues.find(
    (queue) => queue.id === name || queue.name === name || queue.deadLetterQueueName === name,
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

export async function resolveDlq(sqs: SQSClient, name: string): Promise<ResolvedDlq> {
  const definition = findDlq(name);
  const [dlqUrl, sourceUrl] = await Promise.all([
    urlOf(sqs, definition.deadLetterQueueName),
    urlOf(sqs, definition.name),
  ]);
  return { definition, dlqUrl, sourceUrl };
}
