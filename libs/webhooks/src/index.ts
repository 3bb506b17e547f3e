export * from './webhook.schema';
export * from './webhook-snapshot';
export * from './webhook-route-follower';
export * from './webhook-route.health';
export * from './webhooks-data.module';
export * from './secret-box';
export * from './target-policy';
export * from './header-names';
