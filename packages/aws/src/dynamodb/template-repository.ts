import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Page,
  type SaveResult,
  TEMPLATE_STATE_STAMPS,
  type Template,
  type TemplateRepository,
  type TemplateVersion,
  type TemplateVersionState,
  templateVersionPredecessors,
  type VersionComment,
} from '@import-comms/core';
import * as z from 'zod/mini';
import { conditionally, inStates, withoutStorageAttributes } from './conditional.js';
import { decodeCursor, encodeCursor, lastEvaluatedKeySchema } from './cursor.js';
import { keys, TEMPLATE_CATALOG_KEY } from './keys.js';
import { INDEXES } from './table-definition.js';

const STORAGE_ONLY = [
  'PK',
  'SK',
  'entity',
  'templateCatalogKey',
  'templateSortKey',
  'directoryKey',
  'directorySortKey',
] as const;

/** The approvers' inbox: versions In review, a partition of the directory index, oldest submitted first. */
const REVIEW_INBOX_KEY = 'TEMPLATE_REVIEWS#InReview';
/** An author's decided versions (approved, rejected, then live), latest first: how the author is told. */
const decisionsOf = (author: string) => `TEMPLATE_REVIEWS#DECIDED#${author}`;
const cursorSchema = z.strictObject({ k: lastEvaluatedKeySchema });

/** Templates: a DETAILS head item (indexed by trigger and in the catalogue) and immutable VERSION#n items. */
export class DynamoTemplateRepository implements TemplateRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private headItem(template: Template) {
    return {
      ...template,
      ...keys.template(template.templateId),
      entity: 'Template',
      templateCatalogKey: TEMPLATE_CATALOG_KEY,
      templateSortKey: `${template.name.toLowerCase()}#${template.templateId}`,
    };
  }

  async create(template: Template, firstVersion: TemplateVersion): Promise<SaveResult> {
    const versionSaved = await this.putVersion(firstVersion);
    if (!versionSaved) return { saved: false, reason: 'conflict' };
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.headItem(template),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  async get(templateId: string): Promise<Template | undefined> {
    const response = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: keys.template(templateId), ConsistentRead: true }),
    );
    return response.Item ? withoutStorageAttributes<Template>(response.Item, STORAGE_ONLY) : undefined;
  }

  async addVersion(version: TemplateVersion, head: Template): Promise<SaveResult> {
    // The version item is the lock: of two editors saving version n, only one creates it.
    if (!(await this.putVersion(version))) return { saved: false, reason: 'conflict' };
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.headItem({ ...head, latestVersion: version.version }),
          ConditionExpression: 'latestVersion = :previous',
          ExpressionAttributeValues: { ':previous': version.version - 1 },
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  private async putVersion(version: TemplateVersion): Promise<boolean> {
    const written = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...version,
            ...keys.templateVersion(version.templateId, version.version),
            entity: 'TemplateVersion',
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    return written !== undefined;
  }

  async getVersion(templateId: string, version: number): Promise<TemplateVersion | undefined> {
    const response = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.templateVersion(templateId, version),
        ConsistentRead: true,
      }),
    );
    return response.Item ? withoutStorageAttributes<TemplateVersion>(response.Item, STORAGE_ONLY) : undefined;
  }

  async listInReview(limit: number): Promise<TemplateVersion[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#pk = :inbox',
        ExpressionAttributeNames: { '#pk': INDEXES.directory.partitionKey },
        ExpressionAttributeValues: { ':inbox': REVIEW_INBOX_KEY },
        Limit: limit,
      }),
    );
    return (response.Items ?? [])
      .map((item) => withoutStorageAttributes<TemplateVersion>(item, STORAGE_ONLY))
      .filter((version) => version.state === 'InReview');
  }

  async listDecided(author: string, limit: number): Promise<TemplateVersion[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#pk = :list',
        ExpressionAttributeNames: { '#pk': INDEXES.directory.partitionKey },
        ExpressionAttributeValues: { ':list': decisionsOf(author) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (response.Items ?? []).map((item) =>
      withoutStorageAttributes<TemplateVersion>(item, STORAGE_ONLY),
    );
  }

  async addComment(templateId: string, version: number, comment: VersionComment): Promise<SaveResult> {
    const saved = await conditionally(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.templateVersion(templateId, version),
          UpdateExpression: 'SET comments = list_append(if_not_exists(comments, :none), :comment)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':none': [], ':comment': [comment] },
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  async listVersions(templateId: string): Promise<TemplateVersion[]> {
    const versions: TemplateVersion[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const response = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.template(templateId).PK, ':prefix': 'VERSION#' },
          ScanIndexForward: false,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of response.Items ?? []) {
        versions.push(withoutStorageAttributes<TemplateVersion>(item, STORAGE_ONLY));
      }
      startKey = response.LastEvaluatedKey;
    } while (startKey);
    return versions;
  }

  async moveVersion(
    templateId: string,
    version: number,
    to: TemplateVersionState,
    review: { by: string; at: Date; comment?: string; author?: string },
  ): Promise<SaveResult> {
    const allowedFrom = templateVersionPredecessors(to);
    if (allowedFrom.length === 0) return { saved: false, reason: 'conflict' };
    const stamps = TEMPLATE_STATE_STAMPS[to];
    const values: Record<string, unknown> = { ':to': to, ':at': review.at.toISOString() };
    const names: Record<string, string> = { '#state': 'state', '#at': stamps.at };
    const sets = ['#state = :to', '#at = :at'];
    if (stamps.by) {
      names['#by'] = stamps.by;
      values[':by'] = review.by;
      sets.push('#by = :by');
    }
    if (review.comment) {
      sets.push('reviewComment = :comment');
      values[':comment'] = review.comment;
    }
    const fromStates = inStates('#state', allowedFrom);
    Object.assign(values, fromStates.values);
    // In the approvers' inbox exactly while In review.
    const removes: string[] = [];
    const listedAt = `${review.at.toISOString()}#${templateId}#${String(version).padStart(6, '0')}`;
    if (to === 'InReview') {
      sets.push('directoryKey = :list', 'directorySortKey = :listedAt');
      values[':list'] = REVIEW_INBOX_KEY;
      values[':listedAt'] = listedAt;
    } else if ((to === 'Approved' || to === 'Rejected') && review.author) {
      // Then in its author's list of decisions, which tells them.
      sets.push('directoryKey = :list', 'directorySortKey = :listedAt');
      values[':list'] = decisionsOf(review.author);
      values[':listedAt'] = listedAt;
    } else if (to !== 'Active') {
      removes.push('directoryKey', 'directorySortKey');
    }
    const saved = await conditionally(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.templateVersion(templateId, version),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(PK) AND ${fromStates.expression}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  async saveHead(template: Template, expectedUpdatedAt: string): Promise<SaveResult> {
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.headItem(template),
          ConditionExpression: 'updatedAt = :expected',
          ExpressionAttributeValues: { ':expected': expectedUpdatedAt },
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  async list(limit: number, cursor?: string): Promise<Page<Template>> {
    const startKey = cursor ? decodeCursor(cursor, cursorSchema).k : undefined;
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.templateCatalog.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.templateCatalog.partitionKey },
        ExpressionAttributeValues: { ':pk': TEMPLATE_CATALOG_KEY },
        Limit: Math.min(Math.max(1, limit), 100),
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const next = response.LastEvaluatedKey as Record<string, string> | undefined;
    return {
      items: (response.Items ?? []).map((item) => withoutStorageAttributes<Template>(item, STORAGE_ONLY)),
      ...(next ? { cursor: encodeCursor({ k: next }) } : {}),
    };
  }

  async listByTrigger(triggerEvent: string): Promise<Template[]> {
    const templates: Template[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const response = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.templatesByTrigger.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEXES.templatesByTrigger.partitionKey },
          ExpressionAttributeValues: { ':pk': triggerEvent },
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of response.Items ?? [])
        templates.push(withoutStorageAttributes<Template>(item, STORAGE_ONLY));
      startKey = response.LastEvaluatedKey;
    } while (startKey);
    return templates;
  }
}
