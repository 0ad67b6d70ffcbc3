import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Every HTTP route the app serves, as "METHOD /api/path/:param", read from the same metadata as the OpenAPI document. */
export function listRoutes(app: INestApplication): string[] {
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  const routes: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      if (item[method]) routes.push(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
  }
  return routes.sort();
}
