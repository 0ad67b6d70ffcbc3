import type { AsyncApiDocument } from './asyncapi';

interface Operation {
  action: 'send' | 'receive';
  summary: string;
  description?: string;
  messages: { $ref: string }[];
  reply?: { messages: { $ref: string }[] };
}

interface Message {
  name: string;
  payload: unknown;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Paragraphs of the description: lines starting with "- " become a list. */
function prose(text: string): string {
  return text
    .split('\n\n')
    .map((block) => {
      const lines = block.split('\n');
      const items = lines.filter((line) => line.startsWith('- '));
      const lead = lines.filter((line) => !line.startsWith('- ')).join(' ');
      return (
        (lead ? `<p>${escape(lead)}</p>` : '') +
        (items.length ? `<ul>${items.map((item) => `<li>${escape(item.slice(2))}</li>`).join('')}</ul>` : '')
      );
    })
    .join('\n');
}

const json = (value: unknown) => `<pre>${escape(JSON.stringify(value, null, 2))}</pre>`;

/**
 * The AsyncAPI document as one readable page, rendered on the server: no script (the CSP allows none from
 * elsewhere), every event with its payload and acknowledgement, then the schemas they name.
 */
export function renderAsyncApiPage(document: AsyncApiDocument): string {
  const info = document.info as { title: string; version: string; description: string };
  const operations = document.operations as Record<string, Operation>;
  const messages = document.components.messages as Record<string, Message>;
  const message = (ref: { $ref: string }) => messages[ref.$ref.split('/').pop()!];
  const section = (action: Operation['action'], title: string) =>
    `<h2>${title}</h2>` +
    Object.values(operations)
      .filter((operation) => operation.action === action)
      .map((operation) => {
        const request = message(operation.messages[0]);
        const reply = operation.reply ? message(operation.reply.messages[0]) : undefined;
        return (
          `<section id="${escape(`${action}-${request.name}`)}"><h3><code>${escape(request.name)}</code></h3>` +
          `<p>${escape(operation.summary)}</p>${operation.description ? prose(operation.description) : ''}` +
          `<h4>Payload</h4>${json(request.payload)}` +
          (reply ? `<h4>Acknowledgement</h4>${json(reply.payload)}` : '') +
          '</section>'
        );
      })
      .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.75rem;overflow:auto;font-size:13px}section{border-top:1px solid #ddd}</style>
</head><body>
<h1>${escape(info.title)} <small>${escape(info.version)}</small></h1>
<p>Machine-readable: <a href="/api/docs/asyncapi.json">asyncapi.json</a> (AsyncAPI ${escape(document.asyncapi)}). The REST API: <a href="/api/docs">/api/docs</a>.</p>
${prose(info.description)}
${section('send', 'Server → client')}
${section('receive', 'Client → server')}
<h2>Schemas</h2>
${Object.entries(document.components.schemas)
  .map(([name, schema]) => `<section id="${escape(name)}"><h3>${escape(name)}</h3>${json(schema)}</section>`)
  .join('\n')}
</body></html>`;
}
