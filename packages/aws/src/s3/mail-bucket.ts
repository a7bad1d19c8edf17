import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Where SES receiving writes raw messages, and where their attachments are kept once read. */
export class S3MailBucket {
  constructor(private readonly s3: S3Client) {}

  async read(bucket: string, key: string): Promise<Uint8Array> {
    const response = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!response.Body) throw new Error(`s3://${bucket}/${key} has no body`);
    return response.Body.transformToByteArray();
  }

  async write(bucket: string, key: string, content: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: content, ContentType: contentType }),
    );
  }
}
