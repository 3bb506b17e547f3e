import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { useContainer } from 'class-validator';
import { TargetUrlConstraint } from './webhooks/target-url.validator';

/** Request bodies whose unknown fields are refused. */
const STRICT_REQUEST_SCHEMAS = [
  'CreateWebhookDto',
  'UpdateWebhookDto',
  'CreateApiKeyDto',
  'FilterTestDto',
];

/** Builds the OpenAPI document from the controllers and DTOs. */
export function createOpenApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('Webhook platform: management API')
    .setDescription(
      'Register webhooks, follow their deliveries, rotate signing secrets. ' +
        'Authenticate with `Authorization: Bearer <api key>`; API keys are issued with the admin token.',
    )
    .setVersion('1.0')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An organisation API key (whk_…)' },
      'api-key',
    )
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'The bootstrap ADMIN_TOKEN' },
      'admin-token',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  // The API refuses unknown fields (forbidNonWhitelisted); say so in the request schemas.
  for (const name of STRICT_REQUEST_SCHEMAS) {
    const schema = document.components?.schemas?.[name];
    if (schema && !('$ref' in schema)) schema.additionalProperties = false;
  }
  return document;
}

/**
 * What main.ts and the integration tests both do to the app before it listens: the target
 * URL validator gets its Nest-built instance (it needs the configured TargetPolicy), and the
 * OpenAPI document is served at /docs (Swagger UI) and /docs-json.
 */
export function configureApp(app: INestApplication): void {
  // Only the constraints that need injection come from Nest; class-validator makes the rest
  // itself. (Handing it the app would route misses through Nest's error zone, which exits.)
  const targetUrl = app.get(TargetUrlConstraint);
  useContainer(
    {
      get: <T>(someClass: unknown): T =>
        (someClass === TargetUrlConstraint ? targetUrl : undefined) as T,
    },
    { fallback: true },
  );
  SwaggerModule.setup('docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
