// What every Amtsweg front end needs around the renderer: API calls, a small router, page headings, loading.
export { api, ApiError, apiOrganisation, downloadFile, NetworkError, requestHeaders, setApiLanguage, setApiOrganisation, setCsrfToken, toApiError, uploadWithProgress } from './api';
export type { FieldError, RequestOptions } from './api';
export { Link, matchPath, navigate, RouterProvider, setRouterBase, usePlace, withRouterBase } from './router';
export type { Place } from './router';
export { markNavigation, PageHeading } from './page-heading';
export { useLoad } from './use-load';
export type { Loaded } from './use-load';
export { createLanguage, formatDateTime, initialLanguage, safeStorage } from './language';
export type { Language } from './language';
export { StaffSessionProvider, useStaffSession } from './staff-session';
export type { LoginStage, SessionAnswer, StaffMember } from './staff-session';
export { StaffLoginPage } from './staff-login-page';
export { StaffFrame } from './staff-frame';
export { StaffAccountPage } from './staff-account-page';
export { StaffNoPermissionPage } from './staff-no-permission-page';
export { SafeMarkdown } from './safe-markdown';
export { accountPathOf, mayUseFrontEnd, STAFF_FRONT_ENDS, usableFrontEnds } from './staff-front-ends';
export type { StaffFrontEnd } from './staff-front-ends';
