// What every Amtsweg front end needs around the renderer: API calls, a small router, page headings, loading.
export { api, ApiError, downloadFile, NetworkError, requestHeaders, setApiLanguage, setCsrfToken, toApiError, uploadWithProgress } from './api';
export type { FieldError, RequestOptions } from './api';
export { Link, matchPath, navigate, RouterProvider, usePlace } from './router';
export type { Place } from './router';
export { markNavigation, PageHeading } from './page-heading';
export { useLoad } from './use-load';
export type { Loaded } from './use-load';
export { createLanguage, formatDateTime, initialLanguage, safeStorage } from './language';
export type { Language } from './language';
