export * from './webhook.schema';
export * from './webhook-snapshot';
export * from './webhook-view-sync';
export * from './webhook-view.health';
export * from './webhooks-data.module';
export * from './secret-box';
export * from './target-policy';
export * from './header-names';
