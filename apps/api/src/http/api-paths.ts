/** The API's own paths (JSON, bearer tokens); every other path is a page. */
export const isApiPath = (path: string): boolean => path === '/health' || path.startsWith('/api/') || path === '/api';
