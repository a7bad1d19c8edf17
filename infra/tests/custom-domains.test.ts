import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../src/app.js';
import { stageContext } from './support/stages.js';

const DOMAINS = {
  webDomainName: 'comms.harbourline.com.au',
  webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/web',
  apiDomainName: 'api.comms.harbourline.com.au',
  apiCertificateArn: 'arn:aws:acm:ap-southeast-2:123456789012:certificate/api',
};

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation templates are untyped JSON, read field by field
const resourcesOf = (template: Template, type: string): any[] =>
  Object.values(template.findResources(type)).map((resource) => resource.Properties);

describe('a stage with domains of its own', () => {
  const withDomains = Template.fromStack(
    buildApp(new App({ context: { ...stageContext('dev'), ...DOMAINS } })).service,
  );
  const without = Template.fromStack(buildApp(new App({ context: stageContext('dev') })).service);

  it('serves the UI on its domain with TLS 1.2_2021 and signs reps back in there', () => {
    const [distribution] = resourcesOf(withDomains, 'AWS::CloudFront::Distribution');
    expect(distribution.DistributionConfig.Aliases).toEqual([DOMAINS.webDomainName]);
    expect(distribution.DistributionConfig.ViewerCertificate).toMatchObject({
      AcmCertificateArn: DOMAINS.webCertificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const [client] = resourcesOf(withDomains, 'AWS::Cognito::UserPoolClient');
    expect(client.CallbackURLs).toEqual([`https://${DOMAINS.webDomainName}/auth/callback`]);
    expect(client.LogoutURLs).toEqual([`https://${DOMAINS.webDomainName}/`]);
  });

  it('switches off the execute-api address and reaches the API through its domain only', () => {
    const [api] = resourcesOf(withDomains, 'AWS::ApiGatewayV2::Api');
    expect(api.DisableExecuteApiEndpoint).toBe(true);
    withDomains.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: DOMAINS.apiDomainName,
      DomainNameConfigurations: [{ CertificateArn: DOMAINS.apiCertificateArn, EndpointType: 'REGIONAL' }],
    });
    withDomains.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const [distribution] = resourcesOf(withDomains, 'AWS::CloudFront::Distribution');
    const origins = distribution.DistributionConfig.Origins.map(
      (origin: { DomainName: unknown }) => origin.DomainName,
    );
    const [domainId] = Object.keys(withDomains.findResources('AWS::ApiGatewayV2::DomainName'));
    expect(origins).toContainEqual({ Ref: domainId });
  });

  it("keeps CloudFront's domain and the execute-api address when a stage has none", () => {
    const [api] = resourcesOf(without, 'AWS::ApiGatewayV2::Api');
    expect(api.DisableExecuteApiEndpoint).toBe(false);
    const [distribution] = resourcesOf(without, 'AWS::CloudFront::Distribution');
    expect(distribution.DistributionConfig.Aliases).toBeUndefined();
  });

  it('refuses a domain without its certificate, and a UI certificate outside us-east-1', () => {
    const attempt = (values: Record<string, string>) => () =>
      buildApp(new App({ context: { ...stageContext('dev'), ...values } }));
    expect(attempt({ apiDomainName: DOMAINS.apiDomainName })).toThrow(
      /apiDomainName and apiCertificateArn go together/,
    );
    expect(
      attempt({ webDomainName: DOMAINS.webDomainName, webCertificateArn: DOMAINS.apiCertificateArn }),
    ).toThrow(/a certificate in us-east-1/);
  });
});
