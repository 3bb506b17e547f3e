import 'reflect-metadata';
import { startApp } from '@app/runtime';
import { configureApp } from './configure-app';
import { ManagementConfig } from './management.config';
import { ManagementModule } from './management.module';
import { serveWebApp, WEB_APP_HOME } from './web-app/serve-web-app';

startApp(
  'management',
  ManagementConfig,
  (context) => ManagementModule.forRoot(context),
  async (app, { config, logger }) => {
    await configureApp(app);
    if (serveWebApp(app)) logger.info(`web app on http://127.0.0.1:${config.PORT}${WEB_APP_HOME}`);
    else logger.warn('web app not built (npm run build builds it); serving the API only');
  },
);
