import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout (or image) root: the nearest folder above this file holding `apps/api/views`; the same from `src` and from `dist`. */
const projectRoot = (): string => {
  let folder = __dirname;
  while (!existsSync(join(folder, 'apps', 'api', 'views'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No apps/api/views above ${__dirname}: the page templates are missing`);
    folder = parent;
  }
  return folder;
};

const root = projectRoot();

export const webPaths = {
  /** Our Nunjucks templates. */
  views: join(root, 'apps', 'api', 'views'),
  /** Our own static files (the script that starts govuk-frontend). */
  public: join(root, 'apps', 'api', 'public'),
  /** govuk-frontend's templates (`govuk/...`), styles, scripts, fonts and images. */
  govukFrontend: join(dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
};
