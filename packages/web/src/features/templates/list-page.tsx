import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Card, Empty, ErrorNotice, Loading, PageHeader } from '../../components/ui';
import { templateQueries } from './api';

/** Every template: its channel, what sends it, and which versions are live. */
export function TemplatesPage() {
  const templates = useQuery(templateQueries.list());
  const triggers = useQuery(templateQueries.triggers());
  const label = (id: string | undefined) =>
    triggers.data?.items.find((trigger) => trigger.id === (id ?? 'manual'))?.label ?? id ?? 'Sent by a rep';
  return (
    <>
      <PageHeader title="Templates">
        <Link
          to="/templates/new"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          New template
        </Link>
      </PageHeader>
      <Card>
        {templates.isPending && <Loading />}
        {templates.error && <ErrorNotice error={templates.error} retry={() => templates.refetch()} />}
        {templates.data?.items.length === 0 && <Empty>No templates yet.</Empty>}
        {templates.data && templates.data.items.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Channel
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Sent when
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Active versions
                </th>
                <th scope="col" className="hidden px-3 py-2 md:table-cell">
                  Latest
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.data.items.map((template) => (
                <tr key={template.templateId} className="border-b border-slate-100">
                  <td className="px-3 py-2">
                    <Link
                      to={`/templates/${template.templateId}`}
                      className="font-medium text-sky-700 underline"
                    >
                      {template.name}
                    </Link>
                    <p className="text-xs text-slate-500">{template.templateId}</p>
                  </td>
                  <td className="px-3 py-2">{template.type}</td>
                  <td className="hidden px-3 py-2 md:table-cell">{label(template.triggerEvent)}</td>
                  <td className="hidden px-3 py-2 md:table-cell">
                    {template.isActive
                      ? Object.entries(template.activeVersions)
                          .map(([locale, version]) => `${locale} v${version}`)
                          .join(', ')
                      : 'inactive'}
                  </td>
                  <td className="hidden px-3 py-2 md:table-cell">v{template.latestVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
